package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RawMqtt5Client;
import id.pantau.server.support.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catalogue of hostile input at the MQTT and HTTP level. Each gets a clear refusal (a reason
 * code, or the connection closed where the protocol says the packet is malformed), and a
 * well-behaved gateway connected all along keeps publishing and being acknowledged.
 */
class HostileInputIT {
  private static final String GW = "bandung.coblong.t1";
  private static final String SECRET = "secret-1";
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static TestServer server;
  private Mqtt5Gateway bystander;
  private long seq;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("mqtt.connectTimeoutSeconds", 2, "security.loginFailureWindow", "3s",
        "mqtt.receiveMaximum", 8, "mqtt.maxMessagesPerSecond", 200));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void aWellBehavedGatewayIsConnected() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", SECRET);
    server.gateway("bandung.regol.t1", "bandung", "regol", "secret-r");
    bystander = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "secret-r");
  }

  @AfterEach
  void theBystanderWasNeverHurt() throws Exception {
    assertBystanderIsServed();
    bystander.close();
    assertEquals(200, http.send(get("/api/v1/health"), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void aQos0FloodIsDisconnectedWithMessageRateTooHigh() throws Exception {
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1]);
      String topic = Payloads.topic("bandung", "coblong", "telemetry");
      try {
        for (int i = 1; i <= 2_000; i++) {
          c.publishQos0(topic, Payloads.telemetry(GW, 7, i, "aq-coblong-01", 1, i));
        }
      } catch (java.net.SocketException closedMidFlood) {
        // the server hung up while we were still writing: that is the point
      }
      RawMqtt5Client.Packet disconnect = c.readUntil(14);
      assertTrue(disconnect != null, "the server says why before closing");
      assertEquals(0x96, disconnect.body()[0] & 0xFF, "Message rate too high");
    }
    assertEquals(1, server.server().metrics().snapshot().getLong("rateLimitDisconnects"));
  }

  @Test
  void aClientIgnoringReceiveMaximumIsDisconnectedWith0x93() throws Exception {
    // while a lock holds every commit back, nothing is acknowledged: the 9th message in flight is one too many
    try (java.sql.Connection lock = server.db().getConnection();
         RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE ingest_batch IN ACCESS EXCLUSIVE MODE");
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1]);
      String topic = Payloads.topic("bandung", "coblong", "telemetry");
      for (int i = 1; i <= 9; i++) {
        c.publishQos1(i, topic, Payloads.telemetry(GW, 8, i, "aq-coblong-01", 1, i), false);
      }
      RawMqtt5Client.Packet disconnect = c.readUntil(14);
      lock.rollback();
      assertTrue(disconnect != null, "the server says why before closing");
      assertEquals(0x93, disconnect.body()[0] & 0xFF, "Receive Maximum exceeded");
    }
  }

  @Test
  void aWildcardInAPublishTopicClosesThatConnectionOnly() throws Exception {
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1]);
      c.publishQos1RawTopic(1, "pantau/v1/bandung/coblong/+".getBytes(StandardCharsets.UTF_8), "{}".getBytes());
      assertTrue(c.closedByServer(), "a PUBLISH with a wildcard topic is malformed: the connection is closed");
    }
  }

  @Test
  void illFormedUtf8OrNulInATopicIsAMalformedPacketAndClosesTheConnection() throws Exception {
    byte[][] topics = {
        {'p', 'a', (byte) 0xC3, (byte) 0x28},
        "pantau/v1/bandung/coblong/telemetry\u0000".getBytes(StandardCharsets.UTF_8),
        {'p', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded UTF-16 surrogate
    };
    for (byte[] topic : topics) {
      try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
        assertEquals(0, c.connect(GW, GW, SECRET).body()[1]);
        c.publishQos1RawTopic(1, topic, Payloads.telemetry(GW, 1, 1, "aq-coblong-01", 2, 1));
        assertNull(c.readUntil(4), "no PUBACK: the server closes the connection (MQTT 5 §1.5.4)");
      }
    }
    assertEquals(0, server.number("SELECT count(*) FROM ingest_batch WHERE gateway_id = ?", GW));
  }

  @Test
  void aPublishWhoseTopicLengthRunsPastThePacketIsClosedAtOnce() throws Exception {
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1]);
      // topic length 300 in a 20-byte packet: the decoder used to wait for the next packets' bytes
      byte[] body = new byte[20];
      body[0] = 0x01;
      body[1] = 0x2C;
      c.sendPacket(0x30, body);
      long start = System.nanoTime();
      assertTrue(c.closedByServer(), "closed, not left waiting for bytes that belong to the next packet");
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "at once");
    }
  }

  @Test
  void aConnectWhoseClientIdOverrunsItsLengthIsClosedWithoutWaitingForTheConnectTimeout() throws Exception {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 5, (byte) 0xC2, 0, 60, 0});
    body.write(new byte[] {0x01, 0x2C}); // the client id claims 300 bytes
    body.write(GW.getBytes(StandardCharsets.UTF_8));
    body.write(new byte[] {0, 2, 'g', 'w', 0, 2, 'p', 'w'});
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      long start = System.nanoTime();
      c.sendPacket(0x10, body.toByteArray());
      assertTrue(c.closedByServer());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited < 1_000, "closed at once, not after mqtt.connectTimeoutSeconds (2 s here): " + waited + " ms");
    }
  }

  @Test
  void aClientIdWithLineBreaksCannotForgeALogLine() throws Exception {
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
        new ch.qos.logback.core.read.ListAppender<>();
    log.start();
    var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      String forged = "x\r\n10:00:00.000 INFO  GatewayConnection      gateway connected gateway=" + GW;
      assertTrue((c.connect(forged, forged, "pw").body()[1] & 0xFF) >= 0x80);
    } finally {
      root.detachAppender(log);
    }
    List<String> lines = log.list.stream().map(e -> e.getFormattedMessage()).toList();
    assertTrue(lines.stream().anyMatch(l -> l.contains("connect refused client=x\\u000d\\u000a10:00")), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("\n") || l.contains("\r")), lines.toString());
  }

  @Test
  void aDisabledGatewayIsDisconnectedAndRefused() throws Exception {
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1]);
      HttpResponse<String> disabled = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
              + "/api/v1/admin/gateways/" + GW + "/disable?city=bandung"))
          .header("Authorization", "Bearer " + server.token("admin")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, disabled.statusCode(), disabled.body());
      RawMqtt5Client.Packet disconnect = c.readUntil(14);
      assertTrue(disconnect != null, "the live connection is closed with a DISCONNECT");
      assertEquals(0x87, disconnect.body()[0] & 0xFF, "Not authorized");
    }
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0x87, c.connect(GW, GW, SECRET).body()[1] & 0xFF, "and its next login is refused");
    }
    server.execute("UPDATE gateway SET disabled = false WHERE id = '" + GW + "'");
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1], "enabled again, it gets in");
    }
  }

  @Test
  void anEmptyOrAHugeClientIdGetsNoSession() throws Exception {
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      RawMqtt5Client.Packet connack = c.connect("", GW, SECRET);
      assertEquals(2, connack.type());
      assertTrue((connack.body()[1] & 0xFF) >= 0x80, "refused: " + (connack.body()[1] & 0xFF));
    }
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      try {
        RawMqtt5Client.Packet connack = c.connect("x".repeat(70_000), GW, SECRET);
        assertTrue((connack.body()[1] & 0xFF) >= 0x80, "a 70 KB client id is refused");
      } catch (java.io.EOFException closed) {
        // also a refusal: the CONNECT exceeds the client id limit and the connection is closed
      }
    }
  }

  @Test
  void aSilentClientIsDisconnectedAfterItsKeepAliveAndAHalfOpenSocketAfterTheConnectTimeout() throws Exception {
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET, 1).body()[1]);
      long start = System.nanoTime();
      assertTrue(c.closedByServer());
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited >= 1000 && waited < 5000, "closed after one and a half keep-alives, not " + waited + " ms");
    }
    List<Socket> halfOpen = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Socket s = new Socket("127.0.0.1", server.mqttPort());
      s.setSoTimeout(10_000);
      halfOpen.add(s);
    }
    assertBystanderIsServed();
    for (Socket s : halfOpen) {
      try (s; InputStream in = s.getInputStream()) {
        assertEquals(-1, in.read(), "a socket that never sends CONNECT is closed after mqtt.connectTimeoutSeconds");
      }
    }
  }

  @Test
  void wrongPasswordsForOneGatewayAreThrottledThenForgiven() throws Exception {
    for (int i = 0; i < 5; i++) {
      try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
        assertEquals(0x86, c.connect(GW, GW, "guess-" + i).body()[1] & 0xFF);
      }
    }
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0x9F, c.connect(GW, GW, SECRET).body()[1] & 0xFF,
          "past the limit even the right password waits (Connection Rate Exceeded)");
    }
    Thread.sleep(3_100);
    try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, c.connect(GW, GW, SECRET).body()[1], "after the window the gateway gets in");
    }
  }

  @Test
  void aConnectFloodOfMadeUpGatewaysIsThrottledPerAddressWithoutHashing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Integer>> codes = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        String id = "bandung.coblong.intruder" + i;
        codes.add(pool.submit(() -> {
          try (RawMqtt5Client c = new RawMqtt5Client(server.mqttPort())) {
            return c.connect(id, id, "guess").body()[1] & 0xFF;
          }
        }));
      }
      int refused = 0;
      int throttled = 0;
      for (Future<Integer> f : codes) {
        int code = f.get();
        refused += code == 0x86 ? 1 : 0;
        throttled += code == 0x9F ? 1 : 0;
      }
      assertEquals(300, refused + throttled, "every attempt is answered with a refusal");
      assertTrue(throttled >= 200, "past 50 failures from one address the rest are refused unhashed: " + throttled);
    } finally {
      pool.shutdown();
    }
    Thread.sleep(3_100); // the address is forgiven after the window; the bystander's session was never touched
  }

  @Test
  void hugeMalformedOrSlowHttpRequestsAreRefusedAndOthersServed() throws Exception {
    HttpResponse<String> huge = http.send(get("/api/v1/series?metric=" + "x".repeat(100_000)),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(huge.statusCode() == 414 || huge.statusCode() == 400 || huge.statusCode() == 431, "status " + huge.statusCode());
    String malformed = rawGet("/api/v1/series?metric=%zz&step=1m"); // a client library would not send it
    assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
    HttpResponse<String> badStep = http.send(get("/api/v1/series?metric=pm25&step=" + "9".repeat(2000)),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, badStep.statusCode());
    // a slow client that sends half a request line and stops holds one socket, nothing else
    try (Socket slow = new Socket("127.0.0.1", server.httpPort()); OutputStream out = slow.getOutputStream()) {
      out.write("GET /api/v1/kecamatan HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < 20; i++) {
        assertEquals(200, http.send(get("/api/v1/health"), HttpResponse.BodyHandlers.ofString()).statusCode());
      }
    }
  }

  private void assertBystanderIsServed() throws Exception {
    assertEquals(0, bystander.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
        Payloads.telemetry("bandung.regol.t1", 1, ++seq + System.nanoTime() % 1_000_000, "aq-regol-01", 3, 1)));
  }

  private static String rawGet(String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.httpPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build();
  }
}
