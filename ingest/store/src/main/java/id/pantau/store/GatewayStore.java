package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Gateway credentials and presence. Blocking JDBC: call from a worker. */
public final class GatewayStore {
  private static final String FIND = "SELECT kecamatan_id, secret_hash FROM gateway WHERE id = ?";
  private static final String INSERT_IF_ABSENT = """
      INSERT INTO gateway (id, kecamatan_id, secret_hash) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING""";
  private static final String REPLACE_SECRET = "UPDATE gateway SET secret_hash = ? WHERE id = ?";
  private static final String UPSERT = """
      INSERT INTO gateway (id, kecamatan_id, secret_hash) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET kecamatan_id = excluded.kecamatan_id, secret_hash = excluded.secret_hash""";
  private static final String MARK_ONLINE = """
      UPDATE gateway SET online = true, node = ?, connection_id = ?, connected_at = now(), last_seen = now(),
        offline_reason = NULL WHERE id = ?""";
  // Only the connection that went online may take the gateway offline: a reconnect that
  // overtook the old connection's close must not be marked offline by it.
  private static final String MARK_OFFLINE = """
      UPDATE gateway SET online = false, disconnected_at = now(), offline_reason = ?
      WHERE id = ? AND connection_id = ?""";
  private static final String NODE_OFFLINE = """
      UPDATE gateway SET online = false, disconnected_at = now(), offline_reason = 'server restarted'
      WHERE online AND node = ?""";

  /** A gateway's stored credential and binding. */
  public record StoredGateway(String id, int kecamatanId, String secretHash) {
  }

  private final DataSource ds;

  public GatewayStore(DataSource ds) {
    this.ds = ds;
  }

  public Optional<StoredGateway> find(String gatewayId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, gatewayId);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new StoredGateway(gatewayId, rs.getInt(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  /** @return true when the gateway was created, false when it existed (its secret unchanged) */
  public boolean insertIfAbsent(String gatewayId, int kecamatanId, String secretHash) throws SQLException {
    return update(INSERT_IF_ABSENT, gatewayId, kecamatanId, secretHash) == 1;
  }

  /** Rotates a gateway's secret; false when there is no such gateway. */
  public boolean replaceSecret(String gatewayId, String secretHash) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(REPLACE_SECRET)) {
      ps.setString(1, secretHash);
      ps.setString(2, gatewayId);
      return ps.executeUpdate() == 1;
    }
  }

  /** Creates the gateway or replaces its binding and secret. */
  public void upsert(String gatewayId, int kecamatanId, String secretHash) throws SQLException {
    update(UPSERT, gatewayId, kecamatanId, secretHash);
  }

  public void markOnline(String gatewayId, String node, long connectionId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_ONLINE)) {
      ps.setString(1, node);
      ps.setLong(2, connectionId);
      ps.setString(3, gatewayId);
      ps.executeUpdate();
    }
  }

  public void markOffline(String gatewayId, long connectionId, String reason) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_OFFLINE)) {
      ps.setString(1, reason);
      ps.setString(2, gatewayId);
      ps.setLong(3, connectionId);
      ps.executeUpdate();
    }
  }

  /**
   * At start no gateway is connected to this node, whatever its last run left behind; gateways
   * connected to other ingest nodes are not touched.
   */
  public int markNodeOffline(String node) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(NODE_OFFLINE)) {
      ps.setString(1, node);
      return ps.executeUpdate();
    }
  }

  private int update(String sql, String gatewayId, int kecamatanId, String secretHash) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, gatewayId);
      ps.setInt(2, kecamatanId);
      ps.setString(3, secretHash);
      return ps.executeUpdate();
    }
  }
}
