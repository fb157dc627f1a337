package id.pantau.dashboard.readmodel;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The presence of a city's gateways, and the messages refused from them. Read from the
 * database so it is true across several ingest nodes. Blocking: call from a worker.
 */
public final class GatewayStatusStore {
  private static final String GATEWAYS = """
      SELECT g.id, k.slug, g.online, g.last_seen, g.last_lag_ms, g.offline_reason
      FROM gateway g JOIN kecamatan k ON k.id = g.kecamatan_id WHERE k.city_id = ? ORDER BY g.id""";
  private static final String REJECTED_LAST_HOUR = """
      SELECT d.reason, count(*) FROM dead_letter d JOIN gateway g ON g.id = d.gateway_id
      JOIN kecamatan k ON k.id = g.kecamatan_id
      WHERE k.city_id = ? AND d.received_at >= now() - interval '1 hour' GROUP BY 1 ORDER BY 1""";

  private static final String REFUSED_BY_HOUR = """
      SELECT k.slug, to_timestamp(floor(extract(epoch FROM d.received_at) / 3600) * 3600), count(*)
      FROM dead_letter d JOIN gateway g ON g.id = d.gateway_id JOIN kecamatan k ON k.id = g.kecamatan_id
      WHERE k.city_id = ? AND d.received_at >= ? GROUP BY 1, 2""";

  private final DataSource ds;

  public GatewayStatusStore(DataSource ds) {
    this.ds = ds;
  }

  /** Every gateway of the city, by id. */
  public List<GatewayStatus> gateways(int cityId) throws SQLException {
    return Rows.list(ds, GATEWAYS, rs -> new GatewayStatus(rs.getString(1), rs.getString(2), rs.getBoolean(3),
        Rows.instant(rs.getTimestamp(4)), (Long) rs.getObject(5), rs.getString(6)), cityId);
  }

  /** Messages refused per kecamatan and whole UTC hour since {@code from} (dead letters, while the table keeps them). */
  public List<HourCount> refusedByHour(int cityId, java.time.Instant from) throws SQLException {
    return Rows.list(ds, REFUSED_BY_HOUR, rs -> new HourCount(rs.getString(1), rs.getTimestamp(2).toInstant(),
        rs.getLong(3)), cityId, java.sql.Timestamp.from(from));
  }

  /** Messages sent to the dead-letter table in the last hour, per reason (by reason). */
  public List<ReasonCount> rejectedLastHour(int cityId) throws SQLException {
    return Rows.list(ds, REJECTED_LAST_HOUR, rs -> new ReasonCount(rs.getString(1), rs.getLong(2)), cityId);
  }
}
