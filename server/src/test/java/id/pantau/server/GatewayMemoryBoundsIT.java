package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.MetricsScrape;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one gateway can make the server hold is bounded: rejected payloads waiting to become dead
 * letters (per gateway and in total), and the sensors it can create (per gateway and per
 * kecamatan). Asserted on the bounded counters, not on the heap; a gateway of another kecamatan
 * is served throughout.
 */
class GatewayMemoryBoundsIT {
  private static final int PAYLOAD = 10_000;
  private static final String BYSTANDER = "bandung.regol.b1";
  private static TestServer server;
  private Mqtt5Gateway bystander;
  private long bystanderSeq;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("ingest.deadLetter.maxQueuedBytesPerGateway", 64 * 1024,
        "ingest.deadLetter.maxQueuedBytes", 96 * 1024, "ingest.maxSensorsPerGateway", 3,
        "ingest.maxSensorsPerKecamatan", 5));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void aBystanderIsConnected() throws Exception {
    server.truncate();
    server.gateway(BYSTANDER, "bandung", "regol", "pw");
    bystander = Mqtt5Gateway.connect(server.mqttPort(), BYSTANDER, "pw");
  }

  @AfterEach
  void theBystanderWasServed() throws Exception {
    assertBystanderIsServed();
    bystander.close();
  }

  private void assertBystanderIsServed() throws Exception {
    bystanderSeq++;
    assertEquals(0, bystander.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
        Payloads.telemetry(BYSTANDER, 1, bystanderSeq, "aq-regol-b1", 2, 1)));
  }

  @Test
  void rejectedPayloadsWaitingForTheDatabaseAreBoundedPerGatewayAndInTotal() throws Exception {
    server.gateway("bandung.coblong.h1", "bandung", "coblong", "pw");
    server.gateway("bandung.andir.h1", "bandung", "andir", "pw");
    byte[] invalid = new byte[PAYLOAD];
    Arrays.fill(invalid, (byte) 'x'); // not JSON: refused 0x99 and kept as a dead letter, if there is room
    double droppedBefore = MetricsScrape.of(server.httpPort()).value("pantau_ingest_dead_letters_dropped_total");
    try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.h1", "pw");
         Mqtt5Gateway andir = Mqtt5Gateway.connect(server.mqttPort(), "bandung.andir.h1", "pw");
         Connection lock = server.db().getConnection()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE dead_letter IN ACCESS EXCLUSIVE MODE"); // the dead-letter writes wait
      }
      List<IMqttToken> tokens = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        tokens.add(coblong.publish(Payloads.topic("bandung", "coblong", "telemetry"), invalid));
      }
      // coblong may queue 6 x 10,000 bytes (64 KiB per gateway): the other 34 are answered without being kept
      Poll.until(() -> tokens.stream().filter(IMqttToken::isComplete).count(), 34L);
      for (int i = 0; i < 40; i++) {
        tokens.add(andir.publish(Payloads.topic("bandung", "andir", "telemetry"), invalid));
      }
      // andir finds 96 KiB in total with 60,000 bytes taken: 3 more kept, 37 answered at once
      Poll.until(() -> tokens.stream().filter(IMqttToken::isComplete).count(), 34L + 37L);
      assertBystanderIsServed();
      MetricsScrape held = MetricsScrape.of(server.httpPort());
      assertEquals(71, held.value("pantau_ingest_dead_letters_dropped_total") - droppedBefore);
      assertEquals(90_000, held.value("pantau_ingest_dead_letters_queued_bytes"));
      assertTrue(held.value("pantau_ingest_rejected_total", "reason=\"payload_format_invalid\"") >= 80,
          "every rejection is counted, kept or not");
      lock.commit();
    }
    Poll.until(() -> server.number("SELECT count(*) FROM dead_letter"), 9L);
    assertEquals(0, MetricsScrape.of(server.httpPort()).value("pantau_ingest_dead_letters_queued_bytes"));
  }

  @Test
  void aGatewayCreatesSensorsUpToItsQuotaAndAKecamatanUpToItsOwn() throws Exception {
    server.execute("DELETE FROM sensor WHERE kecamatan_id = (SELECT id FROM kecamatan WHERE slug = 'cinambo')");
    server.gateway("bandung.cinambo.q1", "bandung", "cinambo", "pw");
    server.gateway("bandung.cinambo.q2", "bandung", "cinambo", "pw");
    String topic = Payloads.topic("bandung", "cinambo", "telemetry");
    try (Mqtt5Gateway q1 = Mqtt5Gateway.connect(server.mqttPort(), "bandung.cinambo.q1", "pw");
         Mqtt5Gateway q2 = Mqtt5Gateway.connect(server.mqttPort(), "bandung.cinambo.q2", "pw")) {
      assertEquals(0, q1.publishAndAwaitReason(topic, readings("bandung.cinambo.q1", 1, "s-1", "s-2", "s-3")));
      assertEquals(0x97, q1.publishAndAwaitReason(topic, readings("bandung.cinambo.q1", 2, "s-1", "s-4")), "quota exceeded");
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = 'bandung.cinambo.q1'")
          .contains("ingest.maxSensorsPerGateway = 3"));
      assertEquals(0, q1.publishAndAwaitReason(topic, readings("bandung.cinambo.q1", 3, "s-1", "s-3")),
          "its known sensors go on");

      assertEquals(0, q2.publishAndAwaitReason(topic, readings("bandung.cinambo.q2", 1, "s-5", "s-6")));
      assertEquals(0x97, q2.publishAndAwaitReason(topic, readings("bandung.cinambo.q2", 2, "s-7")));
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = 'bandung.cinambo.q2'")
          .contains("ingest.maxSensorsPerKecamatan = 5"));
    }
    assertEquals(5, server.number("SELECT count(*) FROM sensor s JOIN kecamatan k ON k.id = s.kecamatan_id"
        + " WHERE k.slug = 'cinambo'"));
  }

  @Test
  void statusRepeatedWhileTheDatabaseIsSlowHoldsOneQueuedWrite() throws Exception {
    String id = "bandung.coblong.s1";
    server.gateway(id, "bandung", "coblong", "pw");
    try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(server.mqttPort(), id, "pw");
         Connection lock = server.db().getConnection()) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("SELECT 1 FROM gateway WHERE id = '" + id + "' FOR UPDATE"); // its presence writes wait
      }
      String topic = Payloads.topic("bandung", "coblong", "status");
      for (int i = 0; i < 200; i++) {
        byte[] state = Payloads.json(i % 2 == 0 ? "{\"state\":\"offline\"}" : "{\"state\":\"online\"}");
        assertEquals(0, gateway.publishAndAwaitReason(topic, state));
      }
      assertBystanderIsServed();
      assertTrue(MetricsScrape.of(server.httpPort()).value("pantau_presence_queued") <= 2,
          "one coalesced status write waits (and at most the connection's own online)");
      lock.commit();
    }
  }

  private static byte[] readings(String gateway, long seq, String... sensors) {
    StringBuilder json = new StringBuilder("{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":" + seq + ",\"readings\":[");
    long ts = System.currentTimeMillis() - 1_000;
    for (int i = 0; i < sensors.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"sensor\":\"").append(sensors[i])
          .append("\",\"metric\":\"pm25\",\"ts\":").append(ts + i).append(",\"value\":10}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
