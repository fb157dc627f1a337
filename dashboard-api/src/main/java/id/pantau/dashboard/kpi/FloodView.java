package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import id.pantau.city.RiverGauge;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Each configured river gauge with its latest water level and siaga status. */
public final class FloodView implements SnapshotView {
  private static final String LATEST = """
      SELECT s.external_id, lv.value, lv.ts FROM latest_value lv
      JOIN sensor s ON s.id = lv.sensor_id JOIN metric m ON m.id = lv.metric_id
      WHERE s.city_id = ? AND m.name = 'water_level_cm'""";

  private final DataSource ds;

  public FloodView(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public String name() {
    return "flood";
  }

  @Override
  public JsonObject compute(City city, int cityId) throws Exception {
    Map<String, JsonObject> latest = new HashMap<>();
    try (Connection c = ds.getConnection()) {
      Rows.each(c, LATEST, rs -> latest.put(rs.getString(1), new JsonObject().put("levelCm", rs.getDouble(2))
          .put("ts", rs.getTimestamp(3).toInstant().toString())), cityId);
    }
    JsonArray gauges = new JsonArray();
    for (RiverGauge g : city.gauges()) {
      JsonObject reading = latest.get(g.sensor());
      JsonObject gauge = new JsonObject().put("sensor", g.sensor()).put("river", g.river()).put("kecamatan", g.kecamatan())
          .put("thresholdsCm", new JsonObject().put("siaga3", g.siaga3Cm()).put("siaga2", g.siaga2Cm()).put("siaga1", g.siaga1Cm()));
      if (reading == null) {
        gauge.put("status", "no_data");
      } else {
        FloodLevel level = FloodLevel.of(g, reading.getDouble("levelCm"));
        gauge.put("status", level.name().toLowerCase()).put("label", level.label()).mergeIn(reading);
      }
      gauges.add(gauge);
    }
    return new JsonObject().put("city", city.slug()).put("gauges", gauges);
  }
}
