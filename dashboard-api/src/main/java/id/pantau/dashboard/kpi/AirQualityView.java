package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import id.pantau.wire.Metric;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * ISPU per kecamatan from the 24-hour mean of PM2.5 and PM10 (the regulation's averaging
 * period), summed from the one-minute rollups. The kecamatan's index is the worse of the
 * two, naming the critical pollutant.
 */
public final class AirQualityView implements SnapshotView {
  private static final String MEANS = """
      SELECT k.slug, m.name, sum(r.sum) / sum(r.count), sum(r.count)
      FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND m.name IN ('pm25', 'pm10') AND r.minute >= now() - interval '24 hours'
      GROUP BY 1, 2 ORDER BY 1, 2""";

  private final DataSource ds;

  public AirQualityView(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public String name() {
    return "air";
  }

  @Override
  public JsonObject compute(City city, int cityId) throws Exception {
    JsonObject byKecamatan = new JsonObject();
    try (Connection c = ds.getConnection()) {
      Rows.each(c, MEANS, rs -> {
        Metric pollutant = Metric.byWireName(rs.getString(2));
        double mean = rs.getDouble(3);
        int index = AirQualityIndex.index(pollutant, Math.max(0, mean));
        JsonObject k = byKecamatan.getJsonObject(rs.getString(1), new JsonObject());
        byKecamatan.put(rs.getString(1), k.put(pollutant.wireName(), new JsonObject()
            .put("mean24h", mean).put("readings", rs.getLong(4)).put("ispu", index)));
        if (index >= k.getInteger("ispu", -1)) {
          AirQualityIndex.Category category = AirQualityIndex.Category.of(index);
          k.put("ispu", index).put("critical", pollutant.wireName())
              .put("category", category.indonesian()).put("categoryEn", category.english());
        }
      }, cityId);
    }
    return new JsonObject().put("city", city.slug()).put("kecamatan", byKecamatan);
  }
}
