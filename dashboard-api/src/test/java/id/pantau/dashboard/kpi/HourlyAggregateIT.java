package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.dashboard.testing.DashboardIT;
import id.pantau.dashboard.testing.SeriesPaths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Hour and day series read whole hours from {@code rollup_1h} where the database has it
 * (TimescaleDB's continuous aggregate) and give the same answers as summing the minute rollups.
 * On plain PostgreSQL the test stands a plain materialized view of the same shape in for the
 * aggregate; on TimescaleDB (PANTAU_TEST_DATABASE_URL) it refreshes the real one. It compares the
 * two query paths over ranges that start and end mid-hour, and one shorter than an hour.
 */
class HourlyAggregateIT extends DashboardIT {
  @Test
  void seriesFromTheHourlyAggregateEqualSeriesFromMinutes() throws Exception {
    dashboard.gateway("bandung.regol.t1", "bandung", "regol");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant start = now.minus(31, ChronoUnit.HOURS); // the last reading, 30 h 13 min later, is in the past
    // a reading every 7 minutes for 30 hours per kecamatan, values that vary within and across hours
    for (int batch = 0; batch < 26; batch++) {
      assertEquals(1, dashboard.telemetry("bandung", "coblong",
          readings(GW, batch, "aq-hourly-c", start, batch * 10, 10, 1.5)).storedBatches());
      assertEquals(1, dashboard.telemetry("bandung", "regol",
          readings("bandung.regol.t1", batch, "aq-hourly-r", start.plusSeconds(180), batch * 10, 10, -0.75))
          .storedBatches());
    }
    int cityId = (int) dashboard.number("SELECT id FROM city WHERE slug = 'bandung'");
    int coblongId = (int) dashboard.number("SELECT id FROM kecamatan WHERE slug = 'coblong'");
    // on TimescaleDB (PANTAU_TEST_DATABASE_URL) the real continuous aggregate is there already
    boolean standIn = dashboard.number("SELECT count(*) FROM pg_class WHERE relname = 'rollup_1h'") == 0;
    if (standIn) {
      dashboard.execute("""
        CREATE MATERIALIZED VIEW rollup_1h AS
        SELECT kecamatan_id, metric_id, date_trunc('hour', minute) AS hour,
               sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
        FROM rollup_1m GROUP BY 1, 2, 3""");
    }
    try {
      if (!standIn) {
        // the real aggregate: refreshed here, so that its refresh policy running in the middle makes no difference
        dashboard.execute("CALL refresh_continuous_aggregate('rollup_1h', NULL, NULL)");
      }
      String[][] ranges = {
          {"1h", start.plus(17, ChronoUnit.MINUTES).toString(), now.minus(23, ChronoUnit.MINUTES).toString()},
          {"1h", start.truncatedTo(ChronoUnit.HOURS).toString(), now.truncatedTo(ChronoUnit.HOURS).toString()},
          {"1d", start.plus(41, ChronoUnit.MINUTES).toString(), now.toString()},
          {"1h", now.minus(50, ChronoUnit.MINUTES).toString(), now.minus(5, ChronoUnit.MINUTES).toString()}};
      SeriesPaths.assertSameAnswers(dashboard.db(), cityId, "coblong", coblongId, ranges, now);
    } finally {
      if (standIn) {
        dashboard.execute("DROP MATERIALIZED VIEW rollup_1h");
      }
    }
  }

  /** {@code n} pm25 readings 7 minutes apart from reading number {@code first} on. */
  private static String readings(String gateway, long seq, String sensor, Instant start, int first, int n, double slope) {
    StringJoiner items = new StringJoiner(",");
    for (int k = first; k < first + n; k++) {
      long ts = start.plus(7L * k, ChronoUnit.MINUTES).toEpochMilli();
      double value = 30 + slope * k + (k % 5) * 2.25;
      items.add("{\"sensor\":\"" + sensor + "\",\"metric\":\"pm25\",\"ts\":" + ts + ",\"value\":" + value + "}");
    }
    return "{\"gateway\":\"" + gateway + "\",\"boot\":3,\"seq\":" + (seq + 1) + ",\"readings\":[" + items + "]}";
  }
}
