package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * The bounded dead-letter table: each rejected payload (its first {@code maxPayloadBytes})
 * with its reason. Trimmed to the newest {@code maxRows} rows so a misbehaving gateway
 * cannot fill the disk.
 */
public final class DeadLetterStore {
  private static final String INSERT = """
      INSERT INTO dead_letter (gateway_id, topic, reason, reason_code, detail, payload_bytes, payload)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
  private static final String TRIM = "DELETE FROM dead_letter WHERE id <= ?";
  private static final int TRIM_EVERY = 100;

  private final DataSource ds;
  private final int maxRows;
  private final int maxPayloadBytes;

  public DeadLetterStore(DataSource ds, int maxRows, int maxPayloadBytes) {
    this.ds = ds;
    this.maxRows = maxRows;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  public void insert(DeadLetter letter) throws SQLException {
    byte[] payload = letter.payload();
    try (Connection c = ds.getConnection()) {
      long id;
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        ps.setString(1, letter.gatewayId());
        ps.setString(2, letter.topic());
        ps.setString(3, letter.rejection().reason().label());
        ps.setShort(4, (short) letter.rejection().reason().code());
        ps.setString(5, letter.rejection().detail());
        ps.setInt(6, payload.length);
        ps.setBytes(7, payload.length <= maxPayloadBytes ? payload : Arrays.copyOf(payload, maxPayloadBytes));
        try (var rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      if (id % TRIM_EVERY == 0 && id > maxRows) {
        try (PreparedStatement ps = c.prepareStatement(TRIM)) {
          ps.setLong(1, id - maxRows);
          ps.executeUpdate();
        }
      }
    }
  }
}
