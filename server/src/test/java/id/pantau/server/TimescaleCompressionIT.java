package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import id.pantau.server.support.TimescaleDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What TimescaleDB's compression does to Pantau's data, on a database of each test's own with
 * the policies run when the test says: readings a gateway delivers after a 10-day outage go
 * into chunks already compressed, are acknowledged and stored once with exact rollups; and the
 * compression policy changes no answer.
 */
class TimescaleCompressionIT {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final String COBLONG = "bandung.coblong.t1";
  private static final String REGOL = "bandung.regol.t1";

  @Test
  void aGatewayBackAfterATenDayOutageDeliversIntoCompressedChunks() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("late", true); TestServer server = serverWithTwoGateways(db)) {
      long now = System.currentTimeMillis();
      // given Regol's gateway stayed online for the last 12 days, and the chunks older than
      // compressAfter (7 days) were compressed, as the policy does
      publishHourly(server, REGOL, "regol", "aq-regol-ts", now - 12 * DAY, 12);
      long compressed = server.number("SELECT count(compress_chunk(c)) FROM show_chunks('reading', older_than => INTERVAL '7 days') c");
      assertTrue(compressed >= 4, compressed + " chunks compressed");
      long tenDaysAgo = now - 10 * DAY;
      assertEquals("true", server.text("SELECT is_compressed::text FROM timescaledb_information.chunks WHERE hypertable_name = 'reading'"
          + " AND range_start <= to_timestamp(? / 1000.0) AND range_end > to_timestamp(? / 1000.0)", tenDaysAgo, tenDaysAgo));

      // when Coblong's gateway comes back after 10 days and delivers what it kept: a batch per day, a reading per hour
      List<byte[]> kept = new ArrayList<>();
      for (int day = 0; day < 10; day++) {
        kept.add(Payloads.telemetryEvery(COBLONG, 1, day + 1, "aq-coblong-ts", tenDaysAgo + day * DAY, HOUR, 24, day * 24));
      }
      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), COBLONG, "pw-c")) {
        for (byte[] batch : kept) {
          assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), batch), "acknowledged");
        }
        // and, its PUBACKs lost, sends the first three again
        for (byte[] batch : kept.subList(0, 3)) {
          assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), batch), "acknowledged again");
        }
      }

      // then every reading is stored once, the rollups are exact, and they stay so when the policy compresses again
      long expectedSum = 239L * 240 / 2; // values 0..239
      for (int pass = 0; pass < 2; pass++) {
        assertEquals(240, server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
            + " WHERE s.external_id = 'aq-coblong-ts'"), "pass " + pass);
        assertEquals(240, server.number("SELECT count(DISTINCT r.ts) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
            + " WHERE s.external_id = 'aq-coblong-ts'"));
        assertEquals(expectedSum, server.number("SELECT sum(r.value)::bigint FROM reading r JOIN sensor s ON s.id = r.sensor_id"
            + " WHERE s.external_id = 'aq-coblong-ts'"));
        assertEquals(10, server.number("SELECT count(*) FROM ingest_batch WHERE gateway_id = ?", COBLONG));
        assertEquals(240, server.number("SELECT sum(r.count) FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id"
            + " WHERE k.slug = 'coblong'"));
        assertEquals(expectedSum, server.number("SELECT sum(r.sum)::bigint FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id"
            + " WHERE k.slug = 'coblong'"));
        TimescaleDatabases.runPolicy(server, "policy_compression", "reading");
      }
      assertTrue(server.number("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'reading'"
          + " AND is_compressed AND range_end < now() - INTERVAL '7 days'") >= 4, "the old chunks are compressed");
    }
  }

  @Test
  void theCompressionPolicyCompressesOldChunksAndChangesNoAnswer() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("compress", true); TestServer server = serverWithTwoGateways(db)) {
      long now = System.currentTimeMillis();
      publishHourly(server, COBLONG, "coblong", "aq-coblong-cp", now - 12 * DAY, 12);
      publishHourly(server, REGOL, "regol", "aq-regol-cp", now - 12 * DAY + 1_234_567, 12);
      assertEquals(0, server.number("SELECT count(*) FROM timescaledb_information.chunks WHERE is_compressed"));
      // the alert engine, on its own schedule, raises both kecamatan's ISPU alerts, and their tiles
      // show them: wait for that, so that "before" is not taken halfway through it
      Poll.until(() -> tilesRaisedByAnAlert(server), 2L);
      Map<String, String> before = answers(server, Instant.ofEpochMilli(now));

      TimescaleDatabases.runPolicy(server, "policy_compression", "reading");

      assertTrue(server.number("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'reading'"
          + " AND is_compressed") >= 4, "the chunks older than 7 days are compressed");
      assertEquals(0, server.number("SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'reading'"
          + " AND is_compressed AND range_end > now() - INTERVAL '6 days'"), "recent chunks are left alone");
      Map<String, String> after = answers(server, Instant.ofEpochMilli(now));
      for (String what : before.keySet()) {
        assertEquals(before.get(what), after.get(what), what);
      }
    }
  }

  /** A server on the test's database, the policies paused, with gateways in Coblong and Regol. */
  private static TestServer serverWithTwoGateways(TimescaleDatabases.Fresh db) throws Exception {
    TestServer server = TestServer.start(Map.of("database.url", db.url()));
    TimescaleDatabases.pausePolicies(server);
    server.gateway(COBLONG, "bandung", "coblong", "pw-c");
    server.gateway(REGOL, "bandung", "regol", "pw-r");
    return server;
  }

  /** A batch per day for {@code days} days from {@code from}, a reading per hour, values 0, 1, 2, ... */
  private static void publishHourly(TestServer server, String gateway, String kecamatan, String sensor, long from, int days)
      throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), gateway, kecamatan.equals("coblong") ? "pw-c" : "pw-r")) {
      for (int day = 0; day < days; day++) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", kecamatan, "telemetry"),
            Payloads.telemetryEvery(gateway, 1, day + 1, sensor, from + day * DAY, HOUR, 24, day * 24)));
      }
    }
  }

  /** Series over compressed and uncompressed days, the screens' views, and the raw readings per sensor. */
  private static Map<String, String> answers(TestServer server, Instant now) throws Exception {
    Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
    Map<String, String> answers = new LinkedHashMap<>();
    for (String query : List.of(
        "metric=pm25&step=1d&from=" + midnight.minus(13, ChronoUnit.DAYS) + "&to=" + midnight,
        "metric=pm25&step=1d&kecamatan=coblong&from=" + midnight.minus(13, ChronoUnit.DAYS) + "&to=" + midnight,
        "metric=pm25&step=1h&from=" + midnight.minus(9, ChronoUnit.DAYS) + "&to=" + midnight.minus(8, ChronoUnit.DAYS),
        "metric=pm25&step=1h&kecamatan=regol&from=" + midnight.minus(9, ChronoUnit.DAYS) + "&to=" + midnight.minus(5, ChronoUnit.DAYS),
        "metric=pm25&step=1m&from=" + midnight.minus(10, ChronoUnit.DAYS) + "&to=" + midnight.minus(10, ChronoUnit.DAYS).plus(3, ChronoUnit.HOURS))) {
      var response = Http.send(server.httpPort(), "GET", "/api/v1/series?" + query, null, null);
      assertEquals(200, response.statusCode(), query + ": " + response.body());
      assertTrue(response.body().contains("\"count\""), query + " holds data: " + response.body());
      answers.put("series " + query, response.body());
    }
    for (String view : List.of("kecamatan", "air", "ingest")) {
      answers.put(view, stable(Http.send(server.httpPort(), "GET", "/api/v1/" + view, null, null).body()));
    }
    answers.put("readings", server.text("SELECT string_agg(concat_ws(' ', sensor_id, n, total, first, last), '; ' ORDER BY sensor_id)"
        + " FROM (SELECT sensor_id, count(*) AS n, sum(value) AS total, min(ts) AS first, max(ts) AS last FROM reading"
        + " GROUP BY sensor_id) s"));
    return answers;
  }

  private static long tilesRaisedByAnAlert(TestServer server) throws Exception {
    var tiles = new io.vertx.core.json.JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/kecamatan", null, null).body())
        .getJsonArray("kecamatan");
    return tiles.stream().map(io.vertx.core.json.JsonObject.class::cast)
        .filter(t -> t.getJsonArray("statusReasons").stream()
            .anyMatch(r -> "alert".equals(((io.vertx.core.json.JsonObject) r).getString("kind"))))
        .count();
  }

  /** A view without what changes by itself with the clock (when it was computed, its version). */
  private static String stable(String body) {
    return body.replaceAll("\"(generatedAt|computedAt|version|at|asOf)\":\"[^\"]*\",?", "");
  }
}
