package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import id.pantau.server.support.TimescaleDatabases;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retention on TimescaleDB, on a database of the test's own with {@code retention.raw = 20d} and
 * {@code retention.rollups = 40d}: the policies drop whole chunks past the retention and keep
 * the rest; a reading older than the raw retention is refused at the door with its reason.
 */
class TimescaleRetentionIT {
  private static final String GW = "bandung.coblong.t1";

  @Test
  void retentionDropsOldChunksAndAReadingOlderThanItIsRefusedWithItsReason() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("retention", true);
         TestServer server = TestServer.start(Map.of("database.url", db.url(), "retention.raw", "20d",
             "retention.rollups", "40d"))) {
      TimescaleDatabases.pausePolicies(server);
      // given readings of 30, 25, 15 and 5 days ago and rollups of 60, 55 and 30 days ago (stored before the retention was shortened)
      for (int daysAgo : new int[] {30, 25, 15, 5}) {
        server.execute("INSERT INTO reading VALUES (now() - INTERVAL '" + daysAgo + " days', 999999, 1, " + daysAgo + ")");
      }
      for (int daysAgo : new int[] {60, 55, 30}) {
        server.execute("INSERT INTO rollup_1m VALUES (1, 1, date_trunc('minute', now() - INTERVAL '" + daysAgo + " days'), 1, "
            + daysAgo + ", 1, 1)");
      }
      long chunks = server.number("SELECT count(*) FROM show_chunks('reading')");

      // when the retention policies run
      TimescaleDatabases.runPolicy(server, "policy_retention", "reading");
      TimescaleDatabases.runPolicy(server, "policy_retention", "rollup_1m");

      // then whole chunks past the retention are gone, and nothing younger
      assertEquals("5,15", server.text("SELECT string_agg(value::int::text, ',' ORDER BY value) FROM reading"));
      assertTrue(server.number("SELECT count(*) FROM show_chunks('reading')") <= chunks - 2, "chunks dropped");
      assertEquals(0, server.number("SELECT count(*) FROM show_chunks('reading', older_than => INTERVAL '21 days')"));
      assertEquals("30", server.text("SELECT string_agg(sum::int::text, ',') FROM rollup_1m"));

      // and a reading older than the raw retention is refused with its reason, one inside it stored
      server.gateway(GW, "bandung", "coblong", "pw");
      long now = System.currentTimeMillis();
      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "pw")) {
        var refused = gw.publishAndAwait(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetryAt(GW, 1, 1, "aq-retention-01", 1, 7, now - 21L * 86_400_000));
        assertEquals(0x99, refused.code(), "payload format invalid");
        assertTrue(refused.reason().contains("older than the raw-data retention of 20 days"), refused.reason());
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetryAt(GW, 1, 2, "aq-retention-01", 1, 8, now - 19L * 86_400_000)));
      }
      assertEquals("8", server.text("SELECT string_agg(r.value::int::text, ',') FROM reading r JOIN sensor s ON s.id = r.sensor_id"
          + " WHERE s.external_id = 'aq-retention-01'"));
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = ?", GW).contains("older than the raw-data retention"));
    }
  }
}
