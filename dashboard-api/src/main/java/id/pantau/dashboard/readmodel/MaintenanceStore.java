package id.pantau.dashboard.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Operators' maintenance marks on sensors. Blocking: call from a worker. */
public final class MaintenanceStore {
  // the sensor must belong to the kecamatan named in the path: an operator cannot silence another's by id
  private static final String PUT = """
      INSERT INTO sensor_maintenance (sensor_id, set_by, note)
      SELECT id, ?, ? FROM sensor WHERE kecamatan_id = ? AND external_id = ?
      ON CONFLICT (sensor_id) DO UPDATE SET set_by = excluded.set_by, note = excluded.note
      RETURNING since""";
  private static final String EXISTS = "SELECT id FROM sensor WHERE kecamatan_id = ? AND external_id = ?";
  private static final String DELETE = "DELETE FROM sensor_maintenance WHERE sensor_id = ?";

  private final DataSource ds;

  public MaintenanceStore(DataSource ds) {
    this.ds = ds;
  }

  /** @return since when the sensor is in maintenance (a second put keeps the first time); empty: no such sensor there */
  public Optional<Instant> put(int kecamatanId, String sensor, String by, String note) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(PUT)) {
      ps.setString(1, by);
      ps.setString(2, note);
      ps.setInt(3, kecamatanId);
      ps.setString(4, sensor);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
      }
    }
  }

  /** @return false when there is no such sensor in the kecamatan; true also when it was not in maintenance */
  public boolean remove(int kecamatanId, String sensor) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Optional<Integer> id = Rows.list(c, EXISTS, rs -> rs.getInt(1), kecamatanId, sensor).stream().findFirst();
      if (id.isEmpty()) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(DELETE)) {
        ps.setInt(1, id.get());
        ps.executeUpdate();
      }
      return true;
    }
  }
}
