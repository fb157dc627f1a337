package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Instructions and alerts from the command center down to a kecamatan's gateway, at QoS 1,
 * through Eclipse Paho: to a subscriber online, to a persistent session that was away when
 * they were sent (fed within its Receive Maximum), and never to another kecamatan.
 */
class DownlinkIT extends ServerIT {
  private static final String ALERTS = "pantau/v1/bandung/coblong/alerts";

  @Test
  void anInstructionReachesTheSubscribedGatewayOfItsKecamatan() throws Exception {
    try (Subscriber gw = Subscriber.connect(server.mqttPort(), true)) {
      assertEquals(1, gw.subscribe(ALERTS));
      HttpResponse<String> sent = instruct("coblong", "{\"text\": \"Siapkan pompa air di Jl. Taman Sari\", \"priority\": \"urgent\"}");
      assertEquals(202, sent.statusCode(), sent.body());
      assertEquals(ALERTS, new JsonObject(sent.body()).getString("topic"));
      JsonObject message = gw.next();
      assertNotNull(message, "the instruction arrives");
      assertEquals("instruction", message.getString("type"));
      assertEquals("Siapkan pompa air di Jl. Taman Sari", message.getString("text"));
      assertEquals("urgent", message.getString("priority"));
      assertEquals("operator", message.getString("from"));
      Poll.until(() -> server.number("SELECT count(*) FROM downlink_delivery WHERE gateway_id = ?", GW), 1L);
    }
  }

  @Test
  void anAlertOpeningInTheKecamatanIsSentDownToo() throws Exception {
    try (Subscriber gw = Subscriber.connect(server.mqttPort(), true)) {
      assertEquals(1, gw.subscribe(ALERTS));
      String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"wl-cikapundung-01\","
          + "\"metric\":\"water_level_cm\",\"ts\":" + System.currentTimeMillis() + ",\"value\":262}]}";
      try (Mqtt5Gateway publisher = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t2", "bandung.coblong.t2", "pw-2")) {
        // a second gateway of the same kecamatan publishes; the subscriber is told
        throw new AssertionError("unreachable: t2 has no credentials yet " + publisher);
      } catch (MqttException expected) {
        server.gateway("bandung.coblong.t2", "bandung", "coblong", "pw-2");
      }
      try (Mqtt5Gateway publisher = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t2", "bandung.coblong.t2", "pw-2")) {
        assertEquals(0, publisher.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.json(batch.replace(GW, "bandung.coblong.t2"))));
      }
      JsonObject message = gw.next();
      assertNotNull(message, "the alert arrives");
      assertEquals("alert", message.getString("type"));
      assertEquals("flood", message.getString("rule"));
      assertEquals("danger", message.getString("severity"));
      assertTrue(message.getString("title").contains("Siaga 1"), message.encode());
    }
  }

  @Test
  void aMessageWhoseIdCommitsAfterAHigherOnesStillReachesTheLiveGatewayExactlyOnce() throws Exception {
    try (Subscriber gw = Subscriber.connect(server.mqttPort(), true);
         Connection slow = server.db().getConnection(); Connection quick = server.db().getConnection()) {
      assertEquals(1, gw.subscribe(ALERTS));
      // two writers at once: the lower id is handed out first but commits last
      slow.setAutoCommit(false);
      long lower = queueInstruction(slow, "ditulis lebih dulu, disimpan terakhir");
      long higher = queueInstruction(quick, "ditulis kemudian, disimpan duluan");
      assertTrue(lower < higher);
      assertEquals("ditulis kemudian, disimpan duluan", gw.next().getString("text"), "the node has read past the lower id");

      slow.commit();
      JsonObject late = gw.next();
      assertNotNull(late, "the late-committing message is delivered too");
      assertEquals("ditulis lebih dulu, disimpan terakhir", late.getString("text"));

      queueInstruction(quick, "sesudahnya");
      assertEquals("sesudahnya", gw.next().getString("text"));
      assertNull(gw.next(0), "nothing was delivered twice");
      Poll.until(() -> server.number("SELECT count(*) FROM downlink_delivery WHERE gateway_id = ?", GW), 3L);
    }
  }

  /** Writes an instruction for coblong straight into the table, as another node would; returns its id. */
  private static long queueInstruction(Connection c, String text) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO downlink_message (city_id, kecamatan_id, kind, payload)"
        + " SELECT k.city_id, k.id, 'instruction', ? FROM kecamatan k JOIN city ci ON ci.id = k.city_id"
        + " WHERE ci.slug = 'bandung' AND k.slug = 'coblong' RETURNING id")) {
      ps.setString(1, new JsonObject().put("type", "instruction").put("text", text).encode());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void aPersistentSessionGetsWhatWasSentWhileItWasAwayOnceAndOnlyOnce() throws Exception {
    try (Subscriber gw = Subscriber.connect(server.mqttPort(), false)) {
      assertEquals(1, gw.subscribe(ALERTS));
    }
    Poll.until(() -> server.number("SELECT count(*) FROM gateway WHERE id = ? AND NOT online", GW), 1L);
    assertEquals(202, instruct("coblong", "{\"text\": \"Laporkan kondisi pintu air\"}").statusCode());
    assertEquals(202, instruct("coblong", "{\"text\": \"Kirim petugas ke Dago\"}").statusCode());

    try (Subscriber back = Subscriber.connect(server.mqttPort(), false)) {
      assertTrue(back.sessionPresent, "the server kept the session");
      // no new SUBSCRIBE: the session's subscription stands
      assertEquals("Laporkan kondisi pintu air", back.next().getString("text"));
      assertEquals("Kirim petugas ke Dago", back.next().getString("text"));
      Poll.until(() -> server.number("SELECT count(*) FROM downlink_delivery WHERE gateway_id = ?", GW), 2L);
    }
    try (Subscriber again = Subscriber.connect(server.mqttPort(), false)) {
      // what a session is owed goes out as it reconnects; a message sent after that comes after it
      assertEquals(202, instruct("coblong", "{\"text\": \"Sesudah\"}").statusCode());
      assertEquals("Sesudah", again.next().getString("text"), "acknowledged messages are not sent again");
    }
    try (Subscriber clean = Subscriber.connect(server.mqttPort(), true)) {
      assertTrue(!clean.sessionPresent, "a clean start discards the session");
    }
    assertEquals(0, server.number("SELECT count(*) FROM downlink_subscription WHERE gateway_id = ?", GW));
  }

  @Test
  void aGatewayBackToABacklogIsFedWithinItsReceiveMaximum() throws Exception {
    try (Subscriber gw = Subscriber.connect(server.mqttPort(), false)) {
      assertEquals(1, gw.subscribe(ALERTS));
    }
    Poll.until(() -> server.number("SELECT count(*) FROM gateway WHERE id = ? AND NOT online", GW), 1L);
    int backlog = 7;
    for (int i = 1; i <= backlog; i++) {
      assertEquals(202, instruct("coblong", "{\"text\": \"Instruksi " + i + "\"}").statusCode());
    }

    // a small device: Receive Maximum 2, and it acknowledges only when the test says so
    try (Subscriber back = Subscriber.connect(server.mqttPort(), false, 2)) {
      assertTrue(back.sessionPresent);
      int next = 1;
      while (next <= backlog) {
        int expectedNow = Math.min(2, backlog - next + 1);
        for (int k = 0; k < expectedNow; k++) {
          assertEquals("Instruksi " + next++, back.next().getString("text"), "in order, within the window");
        }
        assertNull(back.next(1), "nothing more while " + expectedNow + " are unacknowledged");
        back.acknowledgeReceived();
      }
      Poll.until(() -> server.number("SELECT count(*) FROM downlink_delivery WHERE gateway_id = ?", GW), (long) backlog);
    }
  }

  @Test
  void aGatewayCannotSubscribeToAnotherKecamatansDownlink() throws Exception {
    try (Subscriber gw = Subscriber.connect(server.mqttPort(), true)) {
      assertEquals(0x87, gw.subscribe("pantau/v1/bandung/regol/alerts"));
      assertEquals(1, gw.subscribe(ALERTS)); // its own kecamatan's
      assertEquals(202, instruct("regol", "{\"text\": \"untuk Regol saja\"}").statusCode());
      // messages go out in the order they were made: one for coblong made after it comes first
      assertEquals(202, instruct("coblong", "{\"text\": \"untuk Coblong\"}").statusCode());
      assertEquals("untuk Coblong", gw.next().getString("text"), "coblong's gateway hears nothing meant for regol");
    }
  }

  @Test
  void badInstructionsAreRefusedWithTheReason() throws Exception {
    assertEquals(401, AlertsIT.post("/api/v1/kecamatan/coblong/instructions", null, "{\"text\": \"x\"}").statusCode());
    HttpResponse<String> noText = instruct("coblong", "{\"priority\": \"high\"}");
    assertEquals(400, noText.statusCode());
    assertEquals("text", new JsonObject(noText.body()).getString("parameter"));
    HttpResponse<String> badPriority = instruct("coblong", "{\"text\": \"x\", \"priority\": \"asap\"}");
    assertEquals(400, badPriority.statusCode());
    assertTrue(new JsonObject(badPriority.body()).getString("error").contains("normal, high, urgent"));
    assertEquals(400, instruct("coblong", "not json").statusCode());
    assertEquals(404, instruct("dago", "{\"text\": \"x\"}").statusCode());
  }

  private static HttpResponse<String> instruct(String kecamatan, String body) throws Exception {
    return AlertsIT.post("/api/v1/kecamatan/" + kecamatan + "/instructions", server.operatorToken(), body);
  }

  /** The gateway as a Paho MQTT 5 client that collects what arrives on its downlink. */
  private static final class Subscriber implements AutoCloseable {
    private final MqttAsyncClient client;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> unacknowledged = new LinkedBlockingQueue<>();
    private boolean sessionPresent;

    private Subscriber(MqttAsyncClient client) {
      this.client = client;
    }

    static Subscriber connect(int port, boolean cleanStart) throws MqttException {
      return connect(port, cleanStart, null);
    }

    /** With a Receive Maximum, the subscriber acknowledges only on {@link #acknowledgeReceived()}. */
    static Subscriber connect(int port, boolean cleanStart, Integer receiveMaximum) throws MqttException {
      MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, GW, new MemoryPersistence());
      Subscriber s = new Subscriber(client);
      client.setCallback(new MqttCallback() {
        @Override
        public void disconnected(MqttDisconnectResponse r) {
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) {
          s.unacknowledged.add(m.getId());
          s.received.add(new JsonObject(new String(m.getPayload(), StandardCharsets.UTF_8)));
        }

        @Override
        public void deliveryComplete(IMqttToken t) {
        }

        @Override
        public void connectComplete(boolean reconnect, String uri) {
        }

        @Override
        public void authPacketArrived(int reason, MqttProperties p) {
        }
      });
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setUserName(GW);
      o.setPassword(SECRET.getBytes(StandardCharsets.UTF_8));
      o.setCleanStart(cleanStart);
      o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
      o.setAutomaticReconnect(false);
      if (receiveMaximum != null) {
        o.setReceiveMaximum(receiveMaximum);
        client.setManualAcks(true);
      }
      IMqttToken token = client.connect(o);
      token.waitForCompletion(30_000);
      s.sessionPresent = token.getSessionPresent();
      return s;
    }

    int subscribe(String topic) throws MqttException {
      IMqttToken t = client.subscribe(topic, 1);
      try {
        t.waitForCompletion(30_000);
      } catch (MqttException refused) {
        // Paho throws for a refused subscription; its reason code is on the token
      }
      return t.getReasonCodes()[0];
    }

    /**
     * Sends the PUBACKs of everything received so far (with manual acknowledgement): counted
     * first, since a message the server sends on the first PUBACK may arrive while acknowledging,
     * and must not be acknowledged unread.
     */
    void acknowledgeReceived() throws MqttException {
      for (int n = unacknowledged.size(); n > 0; n--) {
        client.messageArrivedComplete(unacknowledged.poll(), 1);
      }
    }

    JsonObject next() throws InterruptedException {
      return next(30);
    }

    JsonObject next(int seconds) throws InterruptedException {
      return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    }
  }
}
