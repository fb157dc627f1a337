package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.SeriesPaths;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import id.pantau.server.support.TimescaleDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The continuous aggregate {@code rollup_1h} on a database of the test's own: real-time before
 * any refresh, materialized after {@code refresh_continuous_aggregate}, and after a late batch
 * and the refresh policy's next run, the hour and day series equal those summed from the minute
 * rollups.
 */
class TimescaleAggregateIT {
  private static final long MINUTE = 60_000L;

  @Test
  void hourAndDaySeriesFromTheRefreshedAggregateEqualThePlainPath() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("cagg", true); TestServer server = TestServer.start(Map.of("database.url", db.url()))) {
      TimescaleDatabases.pausePolicies(server);
      server.gateway("bandung.coblong.t1", "bandung", "coblong", "pw-c");
      server.gateway("bandung.regol.t1", "bandung", "regol", "pw-r");
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      long start = now.minus(3, ChronoUnit.DAYS).minus(2, ChronoUnit.HOURS).toEpochMilli(); // the last reading is in the past
      try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "pw-c");
           Mqtt5Gateway regol = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "pw-r")) {
        // three days of a reading every 13 minutes (every 17 in Regol): buckets of uneven counts
        for (int batch = 0; batch < 12; batch++) {
          assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
              Payloads.telemetryEvery("bandung.coblong.t1", 1, batch + 1, "aq-cagg-c", start + batch * 28 * 13 * MINUTE,
                  13 * MINUTE, 28, batch * 28)));
          assertEquals(0, regol.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
              Payloads.telemetryEvery("bandung.regol.t1", 1, batch + 1, "aq-cagg-r", start + 5 * MINUTE + batch * 21 * 17 * MINUTE,
                  17 * MINUTE, 21, 700 - batch * 21)));
        }
      }
      int cityId = (int) server.number("SELECT id FROM city WHERE slug = 'bandung'");
      int coblongId = (int) server.number("SELECT id FROM kecamatan WHERE slug = 'coblong'");
      String[][] ranges = {
          {"1h", now.minus(70, ChronoUnit.HOURS).plus(7, ChronoUnit.MINUTES).toString(), now.minus(2, ChronoUnit.HOURS).toString()},
          {"1h", now.minus(20, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString(), now.toString()},
          {"1d", now.minus(3, ChronoUnit.DAYS).minus(3, ChronoUnit.HOURS).toString(), now.toString()}};

      // before any refresh the aggregate answers from the minute rollups as they are (real time)
      assertEquals(0, materializedRows(server));
      SeriesPaths.assertSameAnswers(server.db(), cityId, "coblong", coblongId, ranges, now);

      // after a refresh, from what it materialized
      server.execute("CALL refresh_continuous_aggregate('rollup_1h', NULL, now() - INTERVAL '1 hour')");
      assertTrue(materializedRows(server) > 100, materializedRows(server) + " hours materialized");
      SeriesPaths.assertSameAnswers(server.db(), cityId, "coblong", coblongId, ranges, now);

      // a late batch lands in hours already materialized; the refresh policy's next run takes it in
      try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "pw-c")) {
        assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetryEvery("bandung.coblong.t1", 2, 1, "aq-cagg-c", start + 30 * 60 * MINUTE + 1_000, 7 * MINUTE, 40, 900)));
      }
      TimescaleDatabases.runPolicy(server, "policy_refresh_continuous_aggregate", "rollup_1h");
      SeriesPaths.assertSameAnswers(server.db(), cityId, "coblong", coblongId, ranges, now);
    }
  }

  private static long materializedRows(TestServer server) throws Exception {
    String table = server.text("SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)"
        + " FROM timescaledb_information.continuous_aggregates WHERE view_name = 'rollup_1h'");
    return server.number("SELECT count(*) FROM " + table);
  }
}
