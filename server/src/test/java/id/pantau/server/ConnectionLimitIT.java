package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RawMqtt5Client;
import id.pantau.server.support.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One host cannot hold more than {@code mqtt.maxConnectionsPerAddress} connections; the others are served. */
class ConnectionLimitIT {
  private static final int LIMIT = 3;
  private static final String CROWD = "127.0.0.3";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("mqtt.maxConnectionsPerAddress", LIMIT, "mqtt.connectTimeoutSeconds", 60));
    server.gateway("bandung.regol.t1", "bandung", "regol", "secret-r");
    for (int i = 1; i <= LIMIT + 1; i++) {
      server.gateway("bandung.andir.c" + i, "bandung", "andir", "secret-" + i);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAddressAtItsLimitIsClosedBeforeConnectWhileOtherAddressesAreServed() throws Exception {
    // given an address holding its limit of logged-in connections
    List<RawMqtt5Client> held = new ArrayList<>();
    for (int i = 1; i <= LIMIT; i++) {
      RawMqtt5Client c = new RawMqtt5Client(server.mqttPort(), CROWD);
      assertEquals(0, connackCode(c.connect("bandung.andir.c" + i, "bandung.andir.c" + i, "secret-" + i)));
      held.add(c);
    }
    // when it opens one more, the socket is closed before anything is read
    try (RawMqtt5Client extra = new RawMqtt5Client(server.mqttPort(), CROWD)) {
      assertTrue(extra.closedByServer(), "the connection over the address's limit is closed");
    }
    assertTrue(metric("pantau_mqtt_connections_refused_per_address_total") >= 1);
    // then a gateway from another address connects and is acknowledged
    Mqtt5Gateway bystander = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "secret-r");
    assertEquals(0, bystander.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
        Payloads.telemetry("bandung.regol.t1", 1, 1, "aq-regol-01", 3, 1)));
    bystander.close();
    // and once one of the held connections closes, the address may connect again
    held.remove(0).close();
    Poll.until(() -> connectsFromCrowd("bandung.andir.c" + (LIMIT + 1), "secret-" + (LIMIT + 1)), true);
    for (RawMqtt5Client c : held) {
      c.close();
    }
  }

  private static boolean connectsFromCrowd(String gateway, String secret) throws IOException {
    RawMqtt5Client c = new RawMqtt5Client(server.mqttPort(), CROWD);
    try {
      return connackCode(c.connect(gateway, gateway, secret)) == 0;
    } catch (IOException closedBeforeConnack) {
      return false;
    } finally {
      c.close();
    }
  }

  private static int connackCode(RawMqtt5Client.Packet connack) {
    assertEquals(2, connack.type(), "CONNACK");
    return connack.body()[1] & 0xFF;
  }

  private static double metric(String name) throws Exception {
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
    assertTrue(m.find(), name + " in /metrics");
    return Double.parseDouble(m.group(1));
  }
}
