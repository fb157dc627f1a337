package id.pantau.dashboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.kpi.SeriesQuery;
import id.pantau.dashboard.kpi.SeriesRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * The two ways to answer an hour or day series, compared: whole hours read from
 * {@code rollup_1h} (TimescaleDB's continuous aggregate) and minutes summed from
 * {@code rollup_1m}. They must give the same points.
 */
public final class SeriesPaths {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

  private SeriesPaths() {
  }

  /**
   * For each range ({step, from, to}) of Bandung's pm25, city-wide and for one kecamatan.
   *
   * @param kecamatan the kecamatan's slug and id
   */
  public static void assertSameAnswers(DataSource ds, int cityId, String kecamatan, int kecamatanId, String[][] ranges,
                                       Instant now) throws Exception {
    SeriesQuery minutes = new SeriesQuery(ds, false);
    SeriesQuery hours = new SeriesQuery(ds, true);
    for (String[] range : ranges) {
      for (String slug : new String[] {null, kecamatan}) {
        SeriesRequest parsed = SeriesRequest.parse("bandung", slug, "pm25", range[0], range[1], range[2], now, WIB,
            new SeriesRequest.MaxRanges(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(92)));
        // the API widens ranges to whole buckets; the query takes any range, so mid-hour edges are tried as given
        SeriesRequest req = new SeriesRequest(parsed.city(), parsed.kecamatan(), parsed.metric(), parsed.step(),
            Instant.parse(range[1]), Instant.parse(range[2]));
        Integer id = slug == null ? null : kecamatanId;
        assertSamePoints(minutes.load(req, cityId, id, WIB).getJsonArray("points"),
            hours.load(req, cityId, id, WIB).getJsonArray("points"),
            range[0] + " " + range[1] + ".." + range[2] + " kecamatan " + slug);
      }
    }
  }

  private static void assertSamePoints(JsonArray expected, JsonArray actual, String what) {
    assertTrue(expected.size() > 0, what + ": the range holds data");
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      JsonObject e = expected.getJsonObject(i);
      JsonObject a = actual.getJsonObject(i);
      assertEquals(e.getString("t"), a.getString("t"), what);
      assertEquals(e.getLong("count"), a.getLong("count"), what + " at " + e.getString("t"));
      assertEquals(e.getDouble("min"), a.getDouble("min"), what);
      assertEquals(e.getDouble("max"), a.getDouble("max"), what);
      assertEquals(e.getDouble("mean"), a.getDouble("mean"), 1e-9, what); // sums added in another order
    }
  }
}
