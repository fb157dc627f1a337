package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts from Bandung's rules against a real server: they open past the opening level, hold
 * between the levels (hysteresis), clear below the clearing level, escalate in place, are
 * acknowledged only with an operator token, and an offline gateway raises one.
 */
class AlertsIT extends ServerIT {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Mqtt5Gateway gateway;
  private long seq;
  private long ts;

  @BeforeEach
  void connect() throws Exception {
    gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
    ts = System.currentTimeMillis() - 60_000;
  }

  @AfterEach
  void disconnect() throws Exception {
    gateway.close();
  }

  @Test
  void aThresholdAlertHoldsBetweenItsLevelsAndClearsOnlyBelowTheLowerOne() throws Exception {
    // Bandung: pm25 above 150 opens a warning, below 120 clears it
    reading("aq-coblong-01", "pm25", 160);
    JsonObject opened = awaitActive("threshold", "pm25:aq-coblong-01");
    assertEquals("warning", opened.getString("severity"));
    assertEquals("coblong", opened.getString("kecamatan"));

    reading("aq-coblong-01", "pm25", 130); // below the opening level, above the clearing one: holds
    awaitValue(opened.getLong("id"), 130);
    reading("aq-coblong-01", "pm25", 155); // above again: the same alert, not a second one
    awaitValue(opened.getLong("id"), 155);
    reading("aq-coblong-01", "pm25", 110); // below 120: clears
    Poll.until(() -> active("threshold", "pm25:aq-coblong-01") == null, true);
    reading("aq-coblong-01", "pm25", 170); // a new episode is a new alert
    JsonObject again = awaitActive("threshold", "pm25:aq-coblong-01");
    assertNotEquals(opened.getLong("id"), again.getLong("id"));

    // the same readings also raised coblong's ISPU alert: pick this rule's episodes out of the history
    List<JsonObject> history = get("/api/v1/alerts/history?kecamatan=coblong").getJsonArray("alerts").stream()
        .map(o -> (JsonObject) o).filter(a -> a.getString("subject").equals("pm25:aq-coblong-01")).toList();
    assertEquals(2, history.size(), history.toString());
    assertNull(history.get(0).getString("clearedAt"));
    assertNotNull(history.get(1).getString("clearedAt"));
    assertEquals(2, server.number("SELECT count(*) FROM alert WHERE subject = 'pm25:aq-coblong-01'"));
  }

  @Test
  void aFloodAlertEscalatesInPlaceAndClearsOnlyWellBelowSiagaThree() throws Exception {
    // wl-cikapundung-01: siaga 3 at 150 cm, siaga 2 at 200, siaga 1 at 250; hysteresis 10 cm
    reading("wl-cikapundung-01", "water_level_cm", 210);
    JsonObject siaga2 = awaitActive("flood", "wl-cikapundung-01");
    assertEquals("warning", siaga2.getString("severity"));
    reading("wl-cikapundung-01", "water_level_cm", 262);
    Poll.until(() -> active("flood", "wl-cikapundung-01").getString("severity"), "danger");
    assertEquals(siaga2.getLong("id"), active("flood", "wl-cikapundung-01").getLong("id"));
    reading("wl-cikapundung-01", "water_level_cm", 145); // normal, but within 10 cm of siaga 3: holds
    awaitValue(siaga2.getLong("id"), 145);
    reading("wl-cikapundung-01", "water_level_cm", 130);
    Poll.until(() -> active("flood", "wl-cikapundung-01") == null, true);
  }

  @Test
  void acknowledgingNeedsAValidOperatorToken() throws Exception {
    reading("wl-cikapundung-01", "water_level_cm", 262);
    long id = awaitActive("flood", "wl-cikapundung-01").getLong("id");
    String path = "/api/v1/alerts/" + id + "/acknowledge";

    HttpResponse<String> none = post(path, null, "");
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertTrue(new JsonObject(none.body()).getString("error").contains("token with the operator role"));
    assertEquals(401, post(path, "not-a-valid-token-at-all", "").statusCode());
    assertNull(active("flood", "wl-cikapundung-01").getJsonObject("acknowledged"));

    HttpResponse<String> ok = post(path, server.operatorToken(), "");
    assertEquals(200, ok.statusCode(), ok.body());
    JsonObject acked = new JsonObject(ok.body());
    assertEquals("acknowledged", acked.getString("state"));
    assertEquals("operator", acked.getJsonObject("acknowledged").getString("by"));
    Poll.until(() -> active("flood", "wl-cikapundung-01").getString("state"), "acknowledged");
    assertEquals(404, post("/api/v1/alerts/999999/acknowledge", server.operatorToken(), "").statusCode());
    assertEquals(400, post("/api/v1/alerts/abc/acknowledge", server.operatorToken(), "").statusCode());
  }

  @Test
  void aGatewayOfflineLongerThanTheLimitRaisesAnAlertThatClearsWhenItReturns() throws Exception {
    gateway.close();
    Poll.until(() -> server.number("SELECT count(*) FROM gateway WHERE id = ? AND NOT online", GW), 1L);
    // Bandung's limit is 10 minutes: move the gateway's last sight back rather than wait
    server.execute("UPDATE gateway SET last_seen = now() - interval '11 minutes' WHERE id = '" + GW + "'");
    JsonObject alert = awaitActive("gateway_offline", GW);
    assertEquals("coblong", alert.getString("kecamatan"));
    assertTrue(alert.getString("titleEn").contains("offline for 11 minutes"), alert.encode());
    gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
    Poll.until(() -> active("gateway_offline", GW) == null, true);
  }

  private void reading(String sensor, String metric, double value) throws Exception {
    ts += 1000;
    String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":" + (++seq) + ",\"readings\":[{\"sensor\":\""
        + sensor + "\",\"metric\":\"" + metric + "\",\"ts\":" + ts + ",\"value\":" + value + "}]}";
    assertEquals(0, gateway.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(batch)));
  }

  private JsonObject awaitActive(String rule, String subject) throws Exception {
    Poll.until(() -> active(rule, subject) != null, true);
    return active(rule, subject);
  }

  private void awaitValue(long id, double value) throws Exception {
    Poll.until(() -> {
      JsonObject a = get("/api/v1/alerts").getJsonArray("active").stream().map(o -> (JsonObject) o)
          .filter(o -> o.getLong("id") == id).findFirst().orElse(null);
      return a == null ? null : a.getDouble("value");
    }, value);
  }

  private static JsonObject active(String rule, String subject) throws Exception {
    for (Object o : get("/api/v1/alerts").getJsonArray("active")) {
      JsonObject a = (JsonObject) o;
      if (a.getString("rule").equals(rule) && a.getString("subject").equals(subject)) {
        return a;
      }
    }
    return null;
  }

  static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static HttpResponse<String> post(String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
