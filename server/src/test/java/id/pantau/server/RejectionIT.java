package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RawMqtt5Client;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets its specific reason, a dead letter, and never costs the connection. */
class RejectionIT extends ServerIT {
  static final String TOPIC = Payloads.topic("bandung", "coblong", "telemetry");

  static Stream<Arguments> badBatches() {
    long now = System.currentTimeMillis();
    String reading = "{\"sensor\":\"s1\",\"metric\":\"pm25\",\"ts\":" + now + ",\"value\":1}";
    StringBuilder tooMany = new StringBuilder("{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":[");
    for (int i = 0; i <= 10_000; i++) {
      tooMany.append(i == 0 ? "" : ",").append(reading);
    }
    tooMany.append("]}");
    byte[] oversized = new byte[1024 * 1024 + 100];
    java.util.Arrays.fill(oversized, (byte) ' ');
    oversized[0] = '{';
    oversized[oversized.length - 1] = '}';
    return Stream.of(
        Arguments.of("malformed JSON", "{\"gateway\":", 0x99, "payload_format_invalid", "malformed JSON"),
        Arguments.of("missing field", "{\"gateway\":\"" + GW + "\",\"boot\":1,\"readings\":[" + reading + "]}",
            0x99, "payload_format_invalid", "missing field 'seq'"),
        Arguments.of("non-finite value", batch("{\"sensor\":\"s1\",\"metric\":\"pm25\",\"ts\":" + now + ",\"value\":1e999}"),
            0x99, "payload_format_invalid", "readings[0].value must be a finite number"),
        Arguments.of("unknown metric", batch("{\"sensor\":\"s1\",\"metric\":\"pm3\",\"ts\":" + now + ",\"value\":1}"),
            0x99, "payload_format_invalid", "readings[0].metric 'pm3' is not in the metric catalogue"),
        Arguments.of("empty batch", batch(""), 0x99, "payload_format_invalid", "'readings' is empty"),
        Arguments.of("reading in the future", batch("{\"sensor\":\"s1\",\"metric\":\"pm25\",\"ts\":" + (now + 3_600_000)
            + ",\"value\":1}"), 0x99, "payload_format_invalid", "readings[0].ts is 3"),
        Arguments.of("another gateway's name", "{\"gateway\":\"bandung.andir.gw1\",\"boot\":1,\"seq\":1,\"readings\":["
            + reading + "]}", 0x87, "not_authorized", "is not the connection's gateway"),
        Arguments.of("more than 10,000 readings", tooMany.toString(), 0x97, "quota_exceeded", "more than 10000 items"),
        Arguments.of("over 1 MiB", new String(oversized, StandardCharsets.US_ASCII), 0x97, "packet_too_large",
            "a message is at most 1048576 bytes"));
  }

  private static String batch(String readings) {
    return "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":[" + readings + "]}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBatches")
  void badBatchIsRefusedWithItsReasonAndTheConnectionCarriesOn(String name, String payload, int code, String reason,
                                                              String detail) throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      // when a bad batch is published over MQTT 5
      int refused = gw.publishAndAwaitReason(TOPIC, payload.getBytes(StandardCharsets.UTF_8));

      // then the PUBACK carries the reason code, and the dead letter the reason and the detail
      assertEquals(code, refused);
      assertEquals(reason, server.text("SELECT reason FROM dead_letter"));
      String stored = server.text("SELECT detail FROM dead_letter");
      assertTrue(stored.contains(detail), "dead letter detail: " + stored);
      assertEquals(0, server.number("SELECT count(*) FROM reading"));

      // and the same connection then stores a valid batch
      assertEquals(0, gw.publishAndAwaitReason(TOPIC, Payloads.telemetry(GW, 1, 2, "s1", 3, 1)));
      assertEquals(3, server.number("SELECT count(*) FROM reading"));
    }
  }

  @Test
  void mqtt5ReasonCodeAndReasonStringAreOnTheWire() throws Exception {
    try (RawMqtt5Client raw = new RawMqtt5Client(server.mqttPort())) {
      // the CONNACK: 0x20, flags, reason 0, and properties naming Receive Maximum (0x21) and Maximum Packet Size (0x27)
      RawMqtt5Client.Packet connack = raw.connect(GW, GW, "secret-1");
      assertEquals(2, connack.type());
      assertEquals(0, connack.body()[1]);
      assertTrue(hasProperty(connack.body(), 2, 0x21), "Receive Maximum in CONNACK");
      assertTrue(hasProperty(connack.body(), 2, 0x27), "Maximum Packet Size in CONNACK");

      // when a malformed batch is published as packet 0x1234
      raw.publishQos1(0x1234, TOPIC, "not json".getBytes(StandardCharsets.UTF_8), false);
      RawMqtt5Client.Packet puback = raw.read();

      // then the PUBACK is 0x40 | packet id 0x1234 | reason 0x99 | properties with a reason string (0x1F)
      byte[] b = puback.body();
      assertEquals(0x40, puback.firstByte());
      assertEquals(0x12, b[0] & 0xFF);
      assertEquals(0x34, b[1] & 0xFF);
      assertEquals(0x99, b[2] & 0xFF);
      int propertiesLength = (b[3] & 0x7F) | ((b[3] & 0x80) != 0 ? (b[4] & 0x7F) << 7 : 0); // a variable byte integer
      int p = (b[3] & 0x80) != 0 ? 5 : 4;
      assertEquals(b.length, p + propertiesLength);
      assertEquals(0x1F, b[p] & 0xFF);
      int length = ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
      String reasonString = new String(b, p + 3, length, StandardCharsets.UTF_8);
      assertTrue(reasonString.startsWith("malformed JSON at line 1"), reasonString);
      assertEquals(propertiesLength, 3 + length);
    }
  }

  @Test
  void mqtt311RejectionIsAcknowledgedAndExplainedOnTheErrorsTopic() throws Exception {
    MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + server.mqttPort(), GW, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(GW);
    options.setPassword("secret-1".toCharArray());
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    client.connect(options).waitForCompletion(30_000);
    try {
      // given the gateway subscribed to its errors topic
      BlockingQueue<String> errors = new ArrayBlockingQueue<>(10);
      client.subscribe(Payloads.topic("bandung", "coblong", "errors"), 0,
          (topic, message) -> errors.add(new String(message.getPayload(), StandardCharsets.UTF_8))).waitForCompletion(30_000);

      // when it publishes a batch with an unknown metric
      long now = System.currentTimeMillis();
      IMqttToken token = client.publish(TOPIC, batch("{\"sensor\":\"s1\",\"metric\":\"smog\",\"ts\":" + now + ",\"value\":1}")
          .getBytes(StandardCharsets.UTF_8), 1, false);
      token.waitForCompletion(30_000);

      // then it gets a normal PUBACK, and the reason on its errors topic
      String report = errors.poll(30, TimeUnit.SECONDS);
      JsonObject json = new JsonObject(report);
      assertEquals("payload_format_invalid", json.getString("reason"));
      assertEquals(0x99, json.getInteger("code"));
      assertEquals(TOPIC, json.getString("topic"));
      assertTrue(json.getString("detail").contains("readings[0].metric 'smog'"), report);
      assertTrue(client.isConnected());
    } finally {
      client.disconnect().waitForCompletion(5_000);
      client.close();
    }
  }

  @Test
  void subscribingToAnotherKecamatansTopicsIsRefused() throws Exception {
    MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + server.mqttPort(), GW, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName(GW);
    options.setPassword("secret-1".toCharArray());
    client.connect(options).waitForCompletion(30_000);
    try {
      // when it subscribes to its own alerts, another kecamatan's alerts, and a wildcard
      IMqttToken token = client.subscribe(new String[] {Payloads.topic("bandung", "coblong", "alerts"),
          Payloads.topic("bandung", "andir", "alerts"), "pantau/v1/bandung/+/alerts"}, new int[] {1, 1, 1});
      token.waitForCompletion(30_000);

      // then only its own is granted (0x80 = failure in MQTT 3.1.1)
      int[] granted = token.getGrantedQos();
      assertEquals(1, granted[0]);
      assertEquals(0x80, granted[1]);
      assertEquals(0x80, granted[2]);
    } finally {
      client.disconnect().waitForCompletion(5_000);
      client.close();
    }
  }

  @Test
  void wrongCredentialsCannotConnect() throws Exception {
    assertConnectRefused(GW, GW, "wrong-password");
    assertConnectRefused("bandung.nowhere.gw9", "bandung.nowhere.gw9", "secret-1");
    assertConnectRefused(GW, "bandung.andir.gw1", "secret-1");
    Poll.until(() -> server.server().metrics().snapshot().getLong("refusedConnects") >= 3, true);
  }

  private static void assertConnectRefused(String clientId, String user, String password) {
    try {
      Mqtt5Gateway.connect(server.mqttPort(), clientId, user, password).close();
      throw new AssertionError("connected as " + user + " with a bad credential");
    } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
      assertEquals(0x86, e.getReasonCode(), "bad user name or password: " + e);
    }
  }

  /** Scans MQTT 5 properties that start at {@code offset} (a varint length, then id/value pairs) for {@code id}. */
  private static boolean hasProperty(byte[] body, int offset, int id) {
    int i = offset + 1; // property lengths here are below 128
    int end = offset + 1 + body[offset];
    while (i < end) {
      int property = body[i++] & 0xFF;
      if (property == id) {
        return true;
      }
      i += switch (property) {
        case 0x21, 0x13, 0x22 -> 2;   // two-byte integers
        case 0x27, 0x11 -> 4;         // four-byte integers
        case 0x24, 0x25, 0x28, 0x29, 0x2A -> 1; // bytes
        default -> throw new AssertionError("unexpected property 0x" + Integer.toHexString(property));
      };
    }
    return false;
  }
}
