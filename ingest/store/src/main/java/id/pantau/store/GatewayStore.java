package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Gateway credentials and presence. Blocking JDBC: call from a worker. */
public final class GatewayStore {
  private static final String FIND = "SELECT kecamatan_id, secret_hash, disabled FROM gateway WHERE id = ?";
  private static final String SET_DISABLED = "UPDATE gateway SET disabled = ? WHERE id = ?";
  private static final String DISABLED = "SELECT id FROM gateway WHERE disabled";
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

  // Broker mode sees no connections, only batches: a gateway is online while they keep coming,
  // shown under the node name 'broker' (no Pantau node holds its connection). A gateway held
  // online by a node's own MQTT listener is that node's to report.
  private static final String PRESENCE_FROM_TRAFFIC = """
      UPDATE gateway g SET online = f.fresh, node = 'broker',
        connected_at = CASE WHEN f.fresh THEN now() ELSE g.connected_at END,
        disconnected_at = CASE WHEN f.fresh THEN g.disconnected_at ELSE now() END,
        offline_reason = CASE WHEN f.fresh THEN NULL ELSE ? END
      FROM (SELECT id, last_seen > now() - make_interval(secs => ?) AS fresh FROM gateway
            WHERE last_seen IS NOT NULL) f
      WHERE g.id = f.id AND g.online <> f.fresh AND NOT (g.online AND g.node IS DISTINCT FROM 'broker')
      RETURNING g.id, g.online""";

  /** A gateway's stored credential and binding; a disabled gateway may not log in. */
  public record StoredGateway(String id, int kecamatanId, String secretHash, boolean disabled) {
  }

  private final DataSource ds;

  public GatewayStore(DataSource ds) {
    this.ds = ds;
  }

  public Optional<StoredGateway> find(String gatewayId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, gatewayId);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new StoredGateway(gatewayId, rs.getInt(1), rs.getString(2), rs.getBoolean(3))) : Optional.empty();
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

  /** Disables (or enables again) a gateway; false when there is no such gateway. */
  public boolean setDisabled(String gatewayId, boolean disabled) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SET_DISABLED)) {
      ps.setBoolean(1, disabled);
      ps.setString(2, gatewayId);
      return ps.executeUpdate() == 1;
    }
  }

  /** The ids of the disabled gateways (few: the query reads a partial index). */
  public java.util.Set<String> disabledIds() throws SQLException {
    java.util.Set<String> ids = new java.util.HashSet<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DISABLED);
         var rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
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

  /**
   * Broker mode's presence: gateways whose last batch is younger than {@code timeout} are
   * online, the others offline with the reason; only changes are written.
   *
   * @return the gateways whose state changed, with their new state (true: online)
   */
  public Map<String, Boolean> presenceFromTraffic(Duration timeout) throws SQLException {
    Map<String, Boolean> changed = new TreeMap<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(PRESENCE_FROM_TRAFFIC)) {
      ps.setString(1, "no batch for " + timeout.toSeconds() + " s (broker mode)");
      ps.setDouble(2, timeout.toMillis() / 1000.0);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          changed.put(rs.getString(1), rs.getBoolean(2));
        }
      }
    }
    return changed;
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
