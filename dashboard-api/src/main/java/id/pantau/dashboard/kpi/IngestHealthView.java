package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * How the city's data is arriving, read from the database so it is true across several
 * ingest nodes: gateways online and offline with last seen and lag, readings per second over
 * the last complete minute, and rejected messages by reason over the last hour.
 */
public final class IngestHealthView implements SnapshotView {
  private static final String GATEWAYS = """
      SELECT g.id, k.slug, g.online, g.last_seen, g.last_lag_ms, g.offline_reason
      FROM gateway g JOIN kecamatan k ON k.id = g.kecamatan_id WHERE k.city_id = ? ORDER BY g.id""";
  private static final String LAST_MINUTE = """
      SELECT coalesce(sum(r.count), 0) FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id
      WHERE k.city_id = ? AND r.minute = date_trunc('minute', now()) - interval '1 minute'""";
  private static final String REJECTED = """
      SELECT d.reason, count(*) FROM dead_letter d JOIN gateway g ON g.id = d.gateway_id
      JOIN kecamatan k ON k.id = g.kecamatan_id
      WHERE k.city_id = ? AND d.received_at >= now() - interval '1 hour' GROUP BY 1 ORDER BY 1""";

  private final DataSource ds;

  public IngestHealthView(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public JsonObject compute(City city, int cityId) throws Exception {
    JsonArray gateways = new JsonArray();
    JsonObject rejected = new JsonObject();
    long[] online = {0};
    long[] lastMinute = {0};
    try (Connection c = ds.getConnection()) {
      Rows.each(c, GATEWAYS, rs -> {
        online[0] += rs.getBoolean(3) ? 1 : 0;
        gateways.add(new JsonObject().put("id", rs.getString(1)).put("kecamatan", rs.getString(2))
            .put("online", rs.getBoolean(3))
            .put("lastSeen", rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant().toString())
            .put("lagMs", (Long) rs.getObject(5)).put("offlineReason", rs.getString(6)));
      }, cityId);
      Rows.each(c, LAST_MINUTE, rs -> lastMinute[0] = rs.getLong(1), cityId);
      Rows.each(c, REJECTED, rs -> rejected.put(rs.getString(1), rs.getLong(2)), cityId);
    }
    return new JsonObject().put("city", city.slug())
        .put("gatewaysOnline", online[0]).put("gatewaysOffline", gateways.size() - online[0])
        .put("readingsPerSecondLastMinute", lastMinute[0] / 60.0)
        .put("rejectedLastHour", rejected).put("gateways", gateways);
  }
}
