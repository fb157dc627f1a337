package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several ingest nodes and an API node on one database stay exact. */
class MultiNodeIT {

  @Test
  void twoIngestNodesStayExactUnderRedeliveryAcrossThem() throws Exception {
    try (TestServer a = TestServer.start(Map.of("role", "ingest", "node.id", "node-a"));
         TestServer b = TestServer.start(Map.of("role", "ingest", "node.id", "node-b"));
         TestServer api = TestServer.start(Map.of("role", "api", "node.id", "node-api"))) {
      a.truncate();
      a.gateway("bandung.coblong.t1", "bandung", "coblong", "s1");
      a.gateway("bandung.andir.t1", "bandung", "andir", "s2");
      String coblong = Payloads.topic("bandung", "coblong", "telemetry");

      // given gateways spread across the two nodes, each publishing 10 batches of 10 readings
      try (Mqtt5Gateway onA = Mqtt5Gateway.connect(a.mqttPort(), "bandung.coblong.t1", "s1");
           Mqtt5Gateway onB = Mqtt5Gateway.connect(b.mqttPort(), "bandung.andir.t1", "s2")) {
        for (int seq = 1; seq <= 10; seq++) {
          assertEquals(0, onA.publishAndAwaitReason(coblong, Payloads.telemetry("bandung.coblong.t1", 1, seq, "c", 10, seq * 10)));
          assertEquals(0, onB.publishAndAwaitReason(Payloads.topic("bandung", "andir", "telemetry"),
              Payloads.telemetry("bandung.andir.t1", 1, seq, "a", 10, seq * 10)));
        }
        Poll.until(() -> a.text("SELECT node FROM gateway WHERE id = 'bandung.andir.t1'"), "node-b");
      }

      // when a batch first sent to node A is redelivered to node B (the gateway failed over)
      try (Mqtt5Gateway failedOver = Mqtt5Gateway.connect(b.mqttPort(), "bandung.coblong.t1", "s1")) {
        assertEquals(0, failedOver.publishAndAwaitReason(coblong, Payloads.telemetry("bandung.coblong.t1", 1, 5, "c", 10, 50)));
        // its presence is written apart from the batch: wait for it before the third node starts
        Poll.until(() -> a.text("SELECT node || ' ' || online FROM gateway WHERE id = 'bandung.coblong.t1'"), "node-b true");

        // and a third ingest node starts: it must not mark the gateway connected to node B offline
        try (TestServer c = TestServer.start(Map.of("role", "ingest", "node.id", "node-c"))) {
          assertEquals("t", a.text("SELECT online::text FROM gateway WHERE id = 'bandung.coblong.t1'").substring(0, 1));
        }
      }

      // then everything is stored once and the rollups of both kecamatan are exact
      long sum = 0;
      for (int seq = 1; seq <= 10; seq++) {
        for (int i = 0; i < 10; i++) {
          sum += seq * 10 + i;
        }
      }
      assertEquals(200, a.number("SELECT count(*) FROM reading"));
      assertEquals(sum * 2, a.number("SELECT sum(sum)::bigint FROM rollup_1m"));
      assertEquals(20, a.number("SELECT count(*) FROM ingest_batch"));

      // and the API node, which ingests nothing, serves what the ingest nodes stored
      assertEquals(-1, api.mqttPort());
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + api.httpPort() + "/api/v1/series?metric=pm25&step=1h")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(r.body().contains("\"count\":200"), r.body());
    }
  }

  @Test
  void screensOnEveryApiNodeSeeAChangeIngestedOnAnotherNode() throws Exception {
    try (TestServer ingest = TestServer.start(Map.of("role", "ingest", "node.id", "node-i"));
         TestServer api1 = TestServer.start(Map.of("role", "api", "node.id", "node-api-1"));
         TestServer api2 = TestServer.start(Map.of("role", "api", "node.id", "node-api-2"))) {
      ingest.truncate();
      ingest.gateway("bandung.coblong.t1", "bandung", "coblong", "s1");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<BufferedReader> screens = new ArrayList<>();
      for (TestServer api : List.of(api1, api2)) {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + api.httpPort() + "/api/v1/stream")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        screens.add(new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8)));
      }
      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(ingest.mqttPort(), "bandung.coblong.t1", "s1")) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetry("bandung.coblong.t1", 1, 1, "fanout-sensor", 1, 42)));
      }
      // the API nodes share nothing but the database: each one's snapshot tick reads the change there
      for (BufferedReader screen : screens) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
          String line;
          while ((line = screen.readLine()) != null && !line.contains("fanout-sensor")) {
            // earlier snapshots
          }
          assertTrue(line != null, "stream ended before the change arrived");
        });
        screen.close();
      }
    }
  }
}
