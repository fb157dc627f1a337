package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.kpi.SeriesQuery;
import id.pantau.dashboard.kpi.SeriesRequest;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Hour and day series read whole hours from {@code rollup_1h} where the database has it
 * (TimescaleDB's continuous aggregate) and give the same answers as summing the minute rollups.
 * TimescaleDB is not installed here, so the test stands a plain materialized view of the same
 * shape in for the aggregate and compares the two query paths over ranges that start and end
 * mid-hour, and one shorter than an hour.
 */
class HourlyAggregateIT extends ServerIT {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

  @Test
  void seriesFromTheHourlyAggregateEqualSeriesFromMinutes() throws Exception {
    server.gateway("bandung.regol.t1", "bandung", "regol", "pw-r");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant start = now.minus(31, ChronoUnit.HOURS); // the last reading, 30 h 13 min later, is in the past
    try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
         Mqtt5Gateway regol = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "pw-r")) {
      // a reading every 7 minutes for 30 hours per kecamatan, values that vary within and across hours
      for (int batch = 0; batch < 26; batch++) {
        assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            readings(GW, batch, "aq-hourly-c", start, batch * 10, 10, 1.5)));
        assertEquals(0, regol.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
            readings("bandung.regol.t1", batch, "aq-hourly-r", start.plusSeconds(180), batch * 10, 10, -0.75)));
      }
    }
    int cityId = (int) server.number("SELECT id FROM city WHERE slug = 'bandung'");
    int coblongId = (int) server.number("SELECT id FROM kecamatan WHERE slug = 'coblong'");
    // on TimescaleDB (PANTAU_TEST_DATABASE_URL) the real continuous aggregate is there already
    boolean standIn = server.number("SELECT count(*) FROM pg_class WHERE relname = 'rollup_1h'") == 0;
    if (standIn) {
      server.execute("""
        CREATE MATERIALIZED VIEW rollup_1h AS
        SELECT kecamatan_id, metric_id, date_trunc('hour', minute) AS hour,
               sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
        FROM rollup_1m GROUP BY 1, 2, 3""");
    }
    try {
      SeriesQuery minutes = new SeriesQuery(server.db(), false);
      SeriesQuery hours = new SeriesQuery(server.db(), true);
      String[][] ranges = {
          {"1h", start.plus(17, ChronoUnit.MINUTES).toString(), now.minus(23, ChronoUnit.MINUTES).toString()},
          {"1h", start.truncatedTo(ChronoUnit.HOURS).toString(), now.truncatedTo(ChronoUnit.HOURS).toString()},
          {"1d", start.plus(41, ChronoUnit.MINUTES).toString(), now.toString()},
          {"1h", now.minus(50, ChronoUnit.MINUTES).toString(), now.minus(5, ChronoUnit.MINUTES).toString()}};
      for (String[] range : ranges) {
        for (Integer kecamatan : new Integer[] {null, coblongId}) {
          SeriesRequest req = SeriesRequest.parse("bandung", kecamatan == null ? null : "coblong", "pm25", range[0],
              range[1], range[2], now);
          JsonObject expected = minutes.load(req, cityId, kecamatan, WIB);
          JsonObject actual = hours.load(req, cityId, kecamatan, WIB);
          assertSamePoints(expected.getJsonArray("points"), actual.getJsonArray("points"),
              range[0] + " " + range[1] + ".." + range[2] + " kecamatan " + kecamatan);
        }
      }
    } finally {
      if (standIn) {
        server.execute("DROP MATERIALIZED VIEW rollup_1h");
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

  /** {@code n} pm25 readings 7 minutes apart from reading number {@code first} on. */
  private static byte[] readings(String gateway, long seq, String sensor, Instant start, int first, int n, double slope) {
    StringJoiner items = new StringJoiner(",");
    for (int k = first; k < first + n; k++) {
      long ts = start.plus(7L * k, ChronoUnit.MINUTES).toEpochMilli();
      double value = 30 + slope * k + (k % 5) * 2.25;
      items.add("{\"sensor\":\"" + sensor + "\",\"metric\":\"pm25\",\"ts\":" + ts + ",\"value\":" + value + "}");
    }
    return Payloads.json("{\"gateway\":\"" + gateway + "\",\"boot\":3,\"seq\":" + (seq + 1) + ",\"readings\":[" + items + "]}");
  }
}
