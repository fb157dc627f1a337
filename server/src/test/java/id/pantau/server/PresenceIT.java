package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RawMqtt5Client;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Online, offline and why, as the screens see it. */
class PresenceIT extends ServerIT {

  @Test
  void gatewayIsOnlineWhileConnectedAndOfflineAfterDisconnect() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      Poll.until(this::online, "t");
    }
    Poll.until(this::online, "f");
    assertEquals("disconnected", server.text("SELECT offline_reason FROM gateway WHERE id = ?", GW));
  }

  @Test
  void gatewayWhoseConnectionDropsIsOfflineAsConnectionLost() throws Exception {
    RawMqtt5Client raw = new RawMqtt5Client(server.mqttPort());
    raw.connect(GW, GW, "secret-1");
    Poll.until(this::online, "t");

    // when the socket closes without DISCONNECT (power cut, network gone)
    raw.close();

    // then the server marks it offline itself (vertx-mqtt never publishes the Will)
    Poll.until(this::online, "f");
    assertEquals("connection lost", server.text("SELECT offline_reason FROM gateway WHERE id = ?", GW));
  }

  @Test
  void aServerShuttingDownMarksItsGatewaysOffline() throws Exception {
    RawMqtt5Client raw = new RawMqtt5Client(server.mqttPort());
    raw.connect(GW, GW, "secret-1");
    Poll.until(this::online, "t");
    server.stopForNow();
    try {
      assertEquals("false", server.textWhileStopped("SELECT online::text FROM gateway WHERE id = ?", GW),
          "offline as soon as the node is down, not at its next start");
    } finally {
      raw.close();
      server.startAgain();
    }
  }

  @Test
  void reconnectTakesTheSessionOverAndStaysOnline() throws Exception {
    try (Mqtt5Gateway first = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      Poll.until(this::online, "t");
      // when the same gateway connects again
      try (Mqtt5Gateway second = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
        // then the older connection is closed, and the gateway is still online through the new one
        Poll.until(first::isConnected, false);
        // a wrong "offline" from the old connection would be queued before its close is counted, and the
        // presence writes land in order: once a gateway connecting after that is online, it would have landed
        Poll.until(() -> server.server().metrics().snapshot().getInteger("connections"), 1);
        server.gateway("bandung.regol.t1", "bandung", "regol", "secret-r");
        try (Mqtt5Gateway later = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "secret-r")) {
          Poll.until(() -> server.text("SELECT online::text FROM gateway WHERE id = 'bandung.regol.t1'"), "true");
        }
        assertEquals("t", online());
        assertTrue(second.isConnected());
      }
    }
  }

  @Test
  void apiShowsTheGatewayAndTheLatestValueWithinASecond() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(GW, 1, 1, "aq-coblong-03", 1, 41)));

      // then the next snapshot (every 200 ms here, every second by default) shows it
      Poll.until(() -> coblong().getJsonObject("metrics").getJsonObject("pm25", new JsonObject())
          .getJsonObject("latest", new JsonObject()).getDouble("value", -1.0), 41.0);
      JsonObject coblong = coblong();
      JsonObject gateway = coblong.getJsonArray("gateways").getJsonObject(0);
      assertEquals(GW, gateway.getString("id"));
      assertEquals(true, gateway.getBoolean("online"));
      assertEquals("aq-coblong-03", coblong.getJsonObject("metrics").getJsonObject("pm25").getJsonObject("latest")
          .getString("sensor"));
      assertEquals(1, coblong.getJsonObject("metrics").getJsonObject("pm25").getJsonObject("lastMinute").getLong("count"));
      // and city-wide, the newest pm25 anywhere in the city, with its kecamatan
      JsonObject cityWide = kecamatanView().getJsonObject("cityWide").getJsonObject("pm25");
      assertEquals(41.0, cityWide.getJsonObject("latest").getDouble("value"));
      assertEquals("coblong", cityWide.getJsonObject("latest").getString("kecamatan"));
      assertEquals(1, cityWide.getJsonObject("lastMinute").getLong("count"));
    }
  }

  private String online() throws Exception {
    return server.text("SELECT online::text FROM gateway WHERE id = ?", GW).substring(0, 1);
  }

  private JsonObject kecamatanView() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/kecamatan")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body());
  }

  private JsonObject coblong() throws Exception {
    var list = kecamatanView().getJsonArray("kecamatan");
    for (int i = 0; i < list.size(); i++) {
      if (list.getJsonObject(i).getString("slug").equals("coblong")) {
        return list.getJsonObject(i);
      }
    }
    throw new AssertionError("no coblong in " + list);
  }
}
