package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.MetricsScrape;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import id.pantau.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus metrics at /metrics: Pantau's ingest meters, the pool's, the JVM's and Vert.x's. */
class MetricsIT extends ServerIT {
  private static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void ingestAcknowledgementsCommitsRejectionsConnectionsAndThePoolAreExposed() throws Exception {
    double before = value(scrape(server.httpPort()), "pantau_ingest_readings_stored_total");
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      for (int seq = 1; seq <= 3; seq++) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetry(GW, 1, seq, "aq-coblong-01", 4, seq * 10)));
      }
      assertEquals(0x99, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json("{}")));
      String text = scrape(server.httpPort());
      assertEquals(before + 12, value(text, "pantau_ingest_readings_stored_total"), 0.001, "12 readings committed");
      assertTrue(value(text, "pantau_puback_latency_seconds_count") >= 3, "PUBACK latency recorded");
      assertTrue(value(text, "pantau_flush_duration_seconds_count", "stream=\"telemetry\"") >= 1);
      assertTrue(value(text, "pantau_message_items_count", "stream=\"telemetry\"") >= 3);
      assertTrue(value(text, "pantau_ingest_rejected_total", "reason=\"payload_format_invalid\"") >= 1);
      assertEquals(1, value(text, "pantau_mqtt_connections"), 0.001);
      assertTrue(text.contains("hikaricp_connections"), "database pool");
      assertTrue(text.contains("jvm_memory_used_bytes"), "JVM memory");
      assertTrue(text.contains("vertx_"), "Vert.x's own metrics");
      assertTrue(text.contains("node=\""), "every series names its node");
    }
  }

  @Test
  void anIngestOnlyNodeAnswersMetricsToo() throws Exception {
    try (TestServer ingest = TestServer.start(Map.of("role", "ingest", "node.id", "ingest-b"))) {
      String text = scrape(ingest.httpPort());
      assertTrue(text.contains("pantau_mqtt_connections{node=\"ingest-b\"}"), text.lines().limit(5).toList().toString());
    }
  }

  private static String scrape(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    return r.body();
  }

  private static double value(String text, String metric, String... labelPart) {
    return MetricsScrape.parse(text).value(metric, labelPart);
  }
}
