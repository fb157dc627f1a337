package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Per kecamatan of one city: each metric's latest value and its most recent one-minute
 * rollup, and the gateways with their presence. Three queries, whatever the city's size.
 */
public final class KecamatanSnapshot implements SnapshotView {
  private static final String LATEST = """
      SELECT DISTINCT ON (s.kecamatan_id, lv.metric_id)
        s.kecamatan_id, m.name, m.unit, lv.value, lv.ts, s.external_id
      FROM latest_value lv
      JOIN sensor s ON s.id = lv.sensor_id
      JOIN metric m ON m.id = lv.metric_id
      WHERE s.city_id = ?
      ORDER BY s.kecamatan_id, lv.metric_id, lv.ts DESC""";
  private static final String LAST_MINUTE = """
      SELECT DISTINCT ON (r.kecamatan_id, r.metric_id)
        r.kecamatan_id, m.name, r.minute, r.count, r.sum, r.min, r.max
      FROM rollup_1m r
      JOIN kecamatan k ON k.id = r.kecamatan_id
      JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND r.minute >= now() - interval '1 day'
      ORDER BY r.kecamatan_id, r.metric_id, r.minute DESC""";
  private static final String CITY_LAST_MINUTE = """
      SELECT DISTINCT ON (m.name) m.name, r.minute, sum(r.count), sum(r.sum), min(r.min), max(r.max)
      FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND r.minute >= now() - interval '1 day'
      GROUP BY m.name, r.minute ORDER BY m.name, r.minute DESC""";
  private static final String GATEWAYS = """
      SELECT g.kecamatan_id, g.id, g.online, g.last_seen, g.last_lag_ms, g.offline_reason
      FROM gateway g JOIN kecamatan k ON k.id = g.kecamatan_id
      WHERE k.city_id = ? ORDER BY g.id""";

  private final DataSource ds;

  public KecamatanSnapshot(DataSource ds, CityDirectory cities) {
    this.ds = ds;
    this.cities = cities;
  }

  private final CityDirectory cities;

  @Override
  public String name() {
    return "kecamatan";
  }

  @Override
  public JsonObject compute(City city, int cityId) throws SQLException {
    List<KecamatanRef> refs = city.kecamatan().stream()
        .map(k -> cities.kecamatan(city.slug(), k.slug()).orElseThrow()).toList();
    JsonArray kecamatan = load(cityId, refs);
    return new JsonObject().put("city", city.slug()).put("cityWide", cityWide(cityId, kecamatan)).put("kecamatan", kecamatan);
  }

  /** Per metric: the newest value anywhere in the city, and the city's most recent one-minute rollup. */
  private JsonObject cityWide(int cityId, JsonArray kecamatan) throws SQLException {
    JsonObject metrics = new JsonObject();
    for (Object o : kecamatan) {
      JsonObject k = (JsonObject) o;
      JsonObject byMetric = k.getJsonObject("metrics");
      for (String name : byMetric.fieldNames()) {
        JsonObject latest = byMetric.getJsonObject(name).getJsonObject("latest");
        JsonObject current = metrics.getJsonObject(name, new JsonObject()).getJsonObject("latest");
        if (latest != null && (current == null
            || java.time.Instant.parse(latest.getString("ts")).isAfter(java.time.Instant.parse(current.getString("ts"))))) {
          metrics.put(name, metrics.getJsonObject(name, new JsonObject())
              .put("latest", latest.copy().put("kecamatan", k.getString("slug"))));
        }
      }
    }
    try (Connection c = ds.getConnection()) {
      Rows.each(c, CITY_LAST_MINUTE, rs -> {
        JsonObject m = metrics.getJsonObject(rs.getString(1), new JsonObject());
        metrics.put(rs.getString(1), m.put("lastMinute", new JsonObject().put("minute", iso(rs.getTimestamp(2)))
            .put("count", rs.getLong(3)).put("mean", rs.getDouble(4) / rs.getLong(3))
            .put("min", rs.getDouble(5)).put("max", rs.getDouble(6))));
      }, cityId);
    }
    return metrics;
  }

  /** Blocking: call from a worker. */
  public JsonArray load(int cityId, List<KecamatanRef> kecamatan) throws SQLException {
    Map<Integer, JsonObject> byId = new LinkedHashMap<>();
    for (KecamatanRef k : kecamatan) {
      byId.put(k.id(), new JsonObject().put("slug", k.slug()).put("name", k.name()).put("zone", k.zone())
          .put("metrics", new JsonObject()).put("gateways", new JsonArray()));
    }
    try (Connection c = ds.getConnection()) {
      Rows.each(c, LATEST, rs -> metric(byId, rs).put("latest", new JsonObject()
          .put("value", rs.getDouble(4)).put("ts", iso(rs.getTimestamp(5))).put("sensor", rs.getString(6))
          .put("unit", rs.getString(3))), cityId);
      Rows.each(c, LAST_MINUTE, rs -> metric(byId, rs).put("lastMinute", new JsonObject()
          .put("minute", iso(rs.getTimestamp(3))).put("count", rs.getLong(4))
          .put("mean", rs.getDouble(5) / rs.getLong(4)).put("min", rs.getDouble(6)).put("max", rs.getDouble(7))), cityId);
      Rows.each(c, GATEWAYS, rs -> {
        JsonObject k = byId.get(rs.getInt(1));
        if (k != null) {
          k.getJsonArray("gateways").add(new JsonObject().put("id", rs.getString(2))
              .put("online", rs.getBoolean(3)).put("lastSeen", iso(rs.getTimestamp(4)))
              .put("lagMs", (Long) rs.getObject(5)).put("offlineReason", rs.getString(6)));
        }
      }, cityId);
    }
    return new JsonArray(List.copyOf(byId.values()));
  }

  private static JsonObject metric(Map<Integer, JsonObject> byId, ResultSet rs) throws SQLException {
    JsonObject k = byId.get(rs.getInt(1));
    if (k == null) { // a kecamatan no longer configured: its data stays, it is not shown
      return new JsonObject();
    }
    JsonObject metrics = k.getJsonObject("metrics");
    String name = rs.getString(2);
    if (!metrics.containsKey(name)) {
      metrics.put(name, new JsonObject());
    }
    return metrics.getJsonObject(name);
  }

  private static String iso(Timestamp t) {
    return t == null ? null : t.toInstant().toString();
  }
}
