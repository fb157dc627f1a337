package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.MetricsScrape;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;

/**
 * One gateway's batch naming another kecamatan's sensor costs the other gateways nothing: a
 * sensor the node already knows is refused before the batch joins a flush (answered even while
 * the database is held), and one only the database knows is refused inside the flush by itself,
 * while every other batch of that flush commits in the same transaction; nothing is flushed
 * again one by one.
 */
class FlushIsolationIT {
  private static final String CO = "bandung.coblong.f1";
  private static final String AN = "bandung.andir.f1";
  private static final String RE = "bandung.regol.f1";

  @Test
  void aForeignSensorRefusesOnlyItsOwnBatchAndTheGroupCommitsInOneFlush() throws Exception {
    try (TestServer server = TestServer.start(Map.of("ingest.writers", 1))) {
      server.truncate();
      server.gateway(CO, "bandung", "coblong", "pw");
      server.gateway(AN, "bandung", "andir", "pw");
      server.gateway(RE, "bandung", "regol", "pw");
      // coblong's sensor known to this node (reported through it); another registered in the database only
      server.execute("INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway)"
          + " SELECT k.city_id, 'aq-coblong-fi-db', k.id, 'admin:test' FROM kecamatan k WHERE k.slug = 'coblong'");
      try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), CO, "pw");
           Mqtt5Gateway andir = Mqtt5Gateway.connect(server.mqttPort(), AN, "pw");
           Mqtt5Gateway regol = Mqtt5Gateway.connect(server.mqttPort(), RE, "pw")) {
        assertEquals(0, coblong.publishAndAwaitReason(telemetryTopic("coblong"), Payloads.telemetry(CO, 1, 1, "aq-coblong-fi", 2, 1)));

        List<IMqttToken> honest = new ArrayList<>();
        double flushesBefore;
        double transactionsBefore;
        try (Connection lock = server.db().getConnection()) {
          lock.setAutoCommit(false);
          try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE ingest_batch IN ACCESS EXCLUSIVE MODE");
          }
          MetricsScrape before = MetricsScrape.of(server.httpPort());
          flushesBefore = before.value("pantau_flush_duration_seconds_count", "stream=\"telemetry\"");
          transactionsBefore = before.value("pantau_flush_transactions_total", "stream=\"telemetry\"");
          // the one writer holds andir's first batch against the lock; what follows gathers behind it
          honest.add(andir.publish(telemetryTopic("andir"), Payloads.telemetry(AN, 1, 1, "aq-andir-fi", 5, 1)));
          Poll.until(() -> health(server).getLong("bufferedBytes") > 0 && health(server).getLong("waitingBatches") == 0, true);
          for (int seq = 2; seq <= 11; seq++) {
            honest.add(andir.publish(telemetryTopic("andir"), Payloads.telemetry(AN, 1, seq, "aq-andir-fi", 5, seq * 10)));
            honest.add(coblong.publish(telemetryTopic("coblong"), Payloads.telemetry(CO, 1, seq, "aq-coblong-fi", 5, seq)));
          }
          IMqttToken knownForeign = regol.publish(telemetryTopic("regol"), Payloads.telemetry(RE, 1, 1, "aq-coblong-fi", 2, 500));
          IMqttToken dbForeign = regol.publish(telemetryTopic("regol"), Payloads.telemetry(RE, 1, 2, "aq-coblong-fi-db", 2, 500));
          knownForeign.waitForCompletion(10_000);
          assertEquals(0x87, knownForeign.getReasonCodes()[0], "refused from the cache, while the database is held");
          Poll.until(() -> health(server).getLong("waitingBatches"), 21L);
          assertFalse(honest.get(1).isComplete(), "nothing acknowledged before it is committed");
          lock.commit();
          try {
            dbForeign.waitForCompletion(10_000);
          } catch (Exception refusedPuback) {
            // Paho reports a refusing PUBACK as an exception; the code is on the token
          }
          assertEquals(0x87, dbForeign.getReasonCodes()[0], "refused in the transaction, by itself");
        }
        for (IMqttToken t : honest) {
          t.waitForCompletion(10_000);
          assertEquals(0, t.getReasonCodes()[0], "every other gateway's batch is stored");
        }
        MetricsScrape after = MetricsScrape.of(server.httpPort());
        assertEquals(2, after.value("pantau_flush_duration_seconds_count", "stream=\"telemetry\"") - flushesBefore,
            "andir's held batch, then the 20 others and regol's in one flush");
        assertEquals(2, after.value("pantau_flush_transactions_total", "stream=\"telemetry\"") - transactionsBefore,
            "no transaction rolled back and flushed again item by item");
        assertEquals(0, after.value("pantau_flush_splits_total", "stream=\"telemetry\""));
      }
      assertTrue(server.text("SELECT string_agg(detail, ' | ') FROM dead_letter WHERE gateway_id = ?", RE)
          .contains("'aq-coblong-fi-db' (kecamatan coblong)"));
      assertEquals(0, server.number("SELECT count(*) FROM ingest_batch WHERE gateway_id = ?", RE),
          "a refused batch is not claimed: corrected, it may be sent again under its id");
      assertEquals(55, server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
          + " WHERE s.external_id = 'aq-andir-fi'"));
    }
  }

  private static String telemetryTopic(String kecamatan) {
    return Payloads.topic("bandung", kecamatan, "telemetry");
  }

  private static JsonObject health(TestServer server) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getJsonObject("ingest");
  }
}
