package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.MosquittoProcess;
import id.pantau.server.support.NodeProcess;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RedeliveringGateway;
import id.pantau.server.support.TestServer;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker mode against a real Mosquitto: gateways publish to the broker; two ingest nodes share
 * the stream through a shared subscription and acknowledge to the broker only after commit. One
 * node is SIGKILLed mid-stream and started again: every message the broker acknowledged to a
 * gateway ends up stored once. Downlink goes out through the same broker: an operator's
 * instruction reaches a subscriber of the kecamatan's alerts topic, published by one node. The
 * broker holds the gateways' connections, so presence follows their batches.
 */
class BrokerModeIT {
  private static final List<String> KECAMATAN = List.of("coblong", "regol", "andir");

  @TempDir
  Path dir;

  @Test
  void twoNodesShareTheStreamAndAKilledOneLosesNothing() throws Exception {
    try (TestServer db = TestServer.start(Map.of("role", "api"));
         MosquittoProcess broker = MosquittoProcess.start(dir)) {
      db.truncate();
      for (String kec : KECAMATAN) {
        db.gateway("bandung." + kec + ".b1", "bandung", kec, "unused-here");
      }
      JsonObject brokerMode = new JsonObject().put("role", "ingest")
          .put("broker", new JsonObject().put("url", "tcp://127.0.0.1:" + broker.port()));
      try (NodeProcess a = NodeProcess.create(dir, "broker-a", brokerMode);
           NodeProcess b = NodeProcess.create(dir, "broker-b", brokerMode)) {
        a.startAndAwait("broker subscribed");
        b.startAndAwait("broker subscribed");

        Vertx vertx = Vertx.vertx();
        List<RedeliveringGateway> gateways = new ArrayList<>();
        try {
          for (String kec : KECAMATAN) {
            var gw = new RedeliveringGateway(vertx, "bandung." + kec + ".b1", "unused-here", kec, broker.port());
            gateways.add(gw);
            gw.start();
          }
          // the stream runs through both nodes, then node A is killed mid-stream
          Poll.until(() -> a.metric("pantau_ingest_batches_stored_total") > 20
              && b.metric("pantau_ingest_batches_stored_total") > 20, true);
          a.kill();
          // the broker keeps node A's unacknowledged and queued messages meanwhile; node B goes on
          long ackedAtKill = RedeliveringGateway.acknowledgedBatches(gateways);
          Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways) > ackedAtKill + 50, true);
          a.startAndAwait("broker subscribed");
          Poll.until(() -> a.metric("pantau_ingest_batches_stored_total") > 0, true); // A takes its share again
          RedeliveringGateway.stopAndAwaitAcknowledged(gateways);

          // downlink: an operator's instruction, posted to the API node, reaches a subscriber through the broker
          List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
          MqttClient kecamatanCenter = MqttClient.create(vertx, new MqttClientOptions().setClientId("coblong-center"));
          kecamatanCenter.publishHandler(m -> received.add(m.payload().toString()));
          kecamatanCenter.connect(broker.port(), "127.0.0.1").await();
          kecamatanCenter.subscribe(Payloads.topic("bandung", "coblong", "alerts"), 1).await(); // SUBACK: in place
          // more instructions at once than an MQTT client keeps in flight by default (10): each goes out once
          int instructions = 25;
          for (int i = 1; i <= instructions; i++) {
            var posted = Http.send(db.httpPort(), "POST", "/api/v1/kecamatan/coblong/instructions", db.operatorToken(),
                "{\"text\":\"Periksa pintu air Cikapundung #" + i + "\",\"priority\":\"urgent\"}");
            assertEquals(202, posted.statusCode(), posted.body());
          }
          Poll.until(() -> received.stream().anyMatch(p -> p.contains("Cikapundung #" + instructions + "\"")), true);
          // once every instruction is marked published (a node marks one after the broker acknowledged it), no node
          // publishes it again; a marker posted after that reaches the subscriber after any second copy would have
          Poll.until(() -> db.number("SELECT count(*) FROM downlink_message WHERE payload LIKE '%Cikapundung #%'"
              + " AND broker_published_at IS NULL"), 0L);
          assertEquals(202, Http.send(db.httpPort(), "POST", "/api/v1/kecamatan/coblong/instructions", db.operatorToken(),
              "{\"text\":\"marker\",\"priority\":\"normal\"}").statusCode());
          Poll.until(() -> received.stream().anyMatch(p -> p.contains("\"marker\"")), true);
          // (the gateways' pm25 values also raise threshold alerts, which go out the same way)
          Map<Integer, Long> timesReceived = new java.util.TreeMap<>();
          for (int i = 1; i <= instructions; i++) {
            String text = "Cikapundung #" + i + "\"";
            timesReceived.put(i, received.stream().filter(p -> p.contains(text)).count());
          }
          assertTrue(timesReceived.values().stream().allMatch(n -> n == 1),
              "each instruction published once, by one node (instruction=times received): " + timesReceived);
          kecamatanCenter.disconnect().await();

          // a message for a gateway of another kecamatan is refused and dead-lettered, not stored
          MqttClient impostor = MqttClient.create(vertx, new MqttClientOptions().setClientId("impostor"));
          impostor.connect(broker.port(), "127.0.0.1").await();
          impostor.publish(Payloads.topic("bandung", "regol", "telemetry"),
              Buffer.buffer(Payloads.telemetry("bandung.coblong.b1", 99, 1, "aq-impostor", 1, 1)),
              MqttQoS.AT_LEAST_ONCE, false, false).await();
          impostor.disconnect().await();
        } finally {
          vertx.close().await();
        }

        long batches = RedeliveringGateway.acknowledgedBatches(gateways);
        long expected = batches * 10;
        assertTrue(batches > 100, "the stream ran: " + batches + " batches");
        Poll.until(() -> db.number("SELECT count(*) FROM reading") >= expected, true);
        Poll.until(() -> db.number("SELECT count(*) FROM dead_letter") >= 1, true);
        double storedByB = b.metric("pantau_ingest_batches_stored_total");
        double storedByA = a.metric("pantau_ingest_batches_stored_total");
        System.out.printf("broker mode: %d batches (%d readings) acknowledged by Mosquitto; node A (after its restart)"
            + " stored %.0f batches, node B %.0f%n", batches, expected, storedByA, storedByB);
        assertEquals(expected, db.number("SELECT count(*) FROM reading"), "every broker-acknowledged reading stored");
        assertEquals(expected, db.number("SELECT count(*) FROM (SELECT DISTINCT sensor_id, ts FROM reading) d"),
            "none twice");
        assertEquals(expected, db.number("SELECT sum(count) FROM rollup_1m"), "rollups exact");
        assertEquals(batches, db.number("SELECT count(*) FROM ingest_batch"));
        assertTrue(a.log().contains("sessionPresent=true"), "node A came back to the session the broker kept for it");
        assertTrue(storedByB > 0 && storedByA > 0, "both nodes took a share: A " + storedByA + ", B " + storedByB);
        assertTrue(db.text("SELECT detail FROM dead_letter WHERE topic LIKE '%/regol/%'")
            .contains("does not belong to bandung/regol"));
        assertEquals(0, db.number("SELECT count(*) FROM sensor WHERE external_id = 'aq-impostor'"));
      }
    }
  }

  @Test
  void aGatewayIsShownOnlineWhileItsBatchesComeThroughTheBrokerAndOfflineWhenTheyStop() throws Exception {
    try (TestServer db = TestServer.start(Map.of("role", "api"));
         MosquittoProcess broker = MosquittoProcess.start(dir)) {
      db.truncate();
      db.gateway("bandung.coblong.b1", "bandung", "coblong", "unused-here");
      db.gateway("bandung.regol.b1", "bandung", "regol", "unused-here");
      JsonObject brokerMode = new JsonObject().put("role", "ingest").put("broker", new JsonObject()
          .put("url", "tcp://127.0.0.1:" + broker.port()).put("presenceTimeout", "3s"));
      try (NodeProcess node = NodeProcess.create(dir, "broker-presence", brokerMode)) {
        node.startAndAwait("broker subscribed");
        Vertx vertx = Vertx.vertx();
        try {
          MqttClient gateway = MqttClient.create(vertx, new MqttClientOptions().setClientId("bandung.coblong.b1"));
          gateway.connect(broker.port(), "127.0.0.1").await();
          String presence = "SELECT count(*) FROM gateway WHERE id = 'bandung.coblong.b1' AND online AND node = 'broker'";
          // batches keep coming, more often than the timeout, for as long as the test looks
          java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
          long batches = vertx.setPeriodic(1, 500, t -> gateway.publish(Payloads.topic("bandung", "coblong", "telemetry"),
              Buffer.buffer(Payloads.telemetry("bandung.coblong.b1", 1, seq.incrementAndGet(), "aq-coblong-01", 1, 1)),
              MqttQoS.AT_LEAST_ONCE, false, false));
          Poll.until(() -> db.number(presence), 1L);
          Poll.until(() -> new JsonObject(Http.send(db.httpPort(), "GET", "/api/v1/ingest", null, null).body())
              .getInteger("gatewaysOnline"), 1); // what the wall screen counts
          assertEquals(0, db.number("SELECT count(*) FROM gateway WHERE id = 'bandung.regol.b1' AND online"),
              "a gateway never heard from stays offline");

          // the gateway goes quiet (its connection to the broker may well be open): offline after the timeout
          vertx.cancelTimer(batches);
          Poll.until(() -> db.number("SELECT count(*) FROM gateway WHERE id = 'bandung.coblong.b1' AND NOT online"), 1L);
          assertTrue(db.text("SELECT offline_reason FROM gateway WHERE id = 'bandung.coblong.b1'")
              .contains("no batch for 3 s"));
          // the node logs the change after the row it wrote: wait for the line itself
          Poll.until(() -> node.log().contains("gateway offline (broker mode: no batch for 3 s) gateway=bandung.coblong.b1"),
              true);

          // and online again with its next batch
          gateway.publish(Payloads.topic("bandung", "coblong", "telemetry"),
              Buffer.buffer(Payloads.telemetry("bandung.coblong.b1", 1, seq.incrementAndGet(), "aq-coblong-01", 1, 5)),
              MqttQoS.AT_LEAST_ONCE, false, false).await();
          Poll.until(() -> db.number(presence), 1L);
          gateway.disconnect().await();
        } finally {
          vertx.close().await();
        }
      }
    }
  }
}
