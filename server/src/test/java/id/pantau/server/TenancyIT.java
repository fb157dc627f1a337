package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RawMqtt5Client;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two cities on one server, Bandung and a test tenant, Cimahi. Every cross-city path is tried
 * and fails: publishing, subscribing, the API's views and series, SSE, Open311, alert history,
 * and an operator whose token belongs to the other city.
 */
class TenancyIT {
  private static final String BDG = "bandung.coblong.t1";
  private static final String CMH = "cimahi.cimahi-utara.t1";
  private static final String CIMAHI_TOKEN = "cimahi-operator-token-0123456789";
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.createTempFile("tokens", ".csv");
    Files.writeString(tokens, "national,operator,national-operator-token-0123456789\ncimahi,operator," + CIMAHI_TOKEN
        + ",cimahi\n");
    server = TestServer.start(Map.of("cities.files", "classpath:cities/bandung.json,classpath:cities/test-cimahi.json",
        "security.apiTokensFile", tokens.toString()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void gatewaysInBothCities() throws Exception {
    server.truncate();
    server.gateway(BDG, "bandung", "coblong", "pw-b");
    server.gateway(CMH, "cimahi", "cimahi-utara", "pw-c");
  }

  @Test
  void aGatewayPublishesAndSubscribesOnlyInItsOwnCity() throws Exception {
    try (Mqtt5Gateway cimahi = Mqtt5Gateway.connect(server.mqttPort(), CMH, "pw-c")) {
      assertEquals(0x87, cimahi.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(CMH, 1, 1, "aq-x", 1, 1)), "into Bandung");
      assertEquals(0, cimahi.publishAndAwaitReason(Payloads.topic("cimahi", "cimahi-utara", "telemetry"),
          Payloads.telemetry(CMH, 1, 2, "aq-x", 1, 1)), "into its own kecamatan");
    }
    try (RawMqtt5Client raw = new RawMqtt5Client(server.mqttPort())) {
      raw.connect(CMH, CMH, "pw-c");
      raw.publishQos1(1, Payloads.topic("cimahi", "cimahi-utara", "telemetry"), Payloads.telemetry(BDG, 1, 3, "aq-x", 1, 1), false);
      assertEquals(0x87, raw.read().body()[2] & 0xFF, "a payload naming another city's gateway");
    }
    assertEquals(0, server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " JOIN city c ON c.id = s.city_id WHERE c.slug = 'bandung'"));
  }

  @Test
  void eachCitysViewsSeriesStreamAndOpen311HoldOnlyItsOwnData() throws Exception {
    try (Mqtt5Gateway b = Mqtt5Gateway.connect(server.mqttPort(), BDG, "pw-b");
         Mqtt5Gateway c = Mqtt5Gateway.connect(server.mqttPort(), CMH, "pw-c")) {
      assertEquals(0, b.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(BDG, 1, 1, "aq-shared-id", 5, 100)));
      assertEquals(0, c.publishAndAwaitReason(Payloads.topic("cimahi", "cimahi-utara", "telemetry"),
          Payloads.telemetry(CMH, 1, 1, "aq-shared-id", 3, 1)));
      String complaint = "{\"gateway\":\"" + BDG + "\",\"boot\":1,\"seq\":2,\"events\":[{\"id\":\"BDG-T-1\",\"event\":\"created\","
          + "\"ts\":" + (System.currentTimeMillis() - 1000) + ",\"category\":\"banjir\"}]}";
      assertEquals(0, b.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "complaints"), Payloads.json(complaint)));
    }
    // the same sensor id in two cities is two sensors
    assertEquals(2, server.number("SELECT count(*) FROM sensor WHERE external_id = 'aq-shared-id'"));

    Poll.until(() -> get("/api/v1/kecamatan?city=cimahi").body().contains("cimahi-utara"), true);
    JsonObject cimahi = new JsonObject(get("/api/v1/kecamatan?city=cimahi").body());
    assertEquals(3, cimahi.getJsonArray("kecamatan").size());
    assertFalse(cimahi.encode().contains("coblong"));
    JsonObject series = new JsonObject(get("/api/v1/series?city=cimahi&metric=pm25&step=1h").body());
    long count = series.getJsonArray("points").stream().mapToLong(p -> ((JsonObject) p).getLong("count")).sum();
    assertEquals(3, count, "Cimahi's series counts Cimahi's 3 readings, not Bandung's 5");
    assertEquals(400, get("/api/v1/series?city=cimahi&metric=pm25&kecamatan=coblong").statusCode(), "a Bandung kecamatan under Cimahi");
    assertEquals(404, get("/api/v1/kecamatan/coblong/sensors?city=cimahi").statusCode());

    Poll.until(() -> new JsonObject(get("/api/v1/complaints?city=bandung").body()).getLong("open"), 1L);
    assertEquals(0L, new JsonObject(get("/api/v1/complaints?city=cimahi").body()).getLong("open"));
    JsonArray requests = new JsonArray(get("/open311/v2/requests.json?jurisdiction_id=cimahi").body());
    assertTrue(requests.isEmpty(), requests.encode());
    assertEquals(404, get("/open311/v2/requests/BDG-T-1.json?jurisdiction_id=cimahi").statusCode());
    assertEquals(200, get("/open311/v2/requests/BDG-T-1.json?jurisdiction_id=bandung").statusCode());

    String events = firstSseEvents("/api/v1/stream?city=cimahi", 6);
    assertTrue(events.contains("\"city\":\"cimahi\""), events);
    assertFalse(events.contains("\"city\":\"bandung\"") || events.contains("coblong"), events);
  }

  @Test
  void anOperatorOfOneCityCannotActOnAnother() throws Exception {
    try (Mqtt5Gateway b = Mqtt5Gateway.connect(server.mqttPort(), BDG, "pw-b")) {
      String gauge = "{\"gateway\":\"" + BDG + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"wl-cikapundung-01\","
          + "\"metric\":\"water_level_cm\",\"ts\":" + System.currentTimeMillis() + ",\"value\":262}]}";
      assertEquals(0, b.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(gauge)));
    }
    Poll.until(() -> new JsonObject(get("/api/v1/alerts?city=bandung").body()).getInteger("activeCount"), 1);
    long id = new JsonObject(get("/api/v1/alerts?city=bandung").body()).getJsonArray("active").getJsonObject(0).getLong("id");
    assertEquals(0, new JsonObject(get("/api/v1/alerts/history?city=cimahi").body()).getJsonArray("alerts").size());

    assertEquals(403, post("/api/v1/alerts/" + id + "/acknowledge?city=bandung", CIMAHI_TOKEN, "").statusCode());
    assertEquals(404, post("/api/v1/alerts/" + id + "/acknowledge?city=cimahi", CIMAHI_TOKEN, "").statusCode(),
        "Bandung's alert does not exist in Cimahi");
    assertEquals(403, post("/api/v1/kecamatan/coblong/instructions?city=bandung", CIMAHI_TOKEN, "{\"text\":\"x\"}").statusCode());
    assertEquals(404, post("/api/v1/kecamatan/coblong/instructions?city=cimahi", CIMAHI_TOKEN, "{\"text\":\"x\"}").statusCode());
    assertEquals(202, post("/api/v1/kecamatan/cimahi-utara/instructions?city=cimahi", CIMAHI_TOKEN, "{\"text\":\"x\"}").statusCode());
    assertEquals(200, post("/api/v1/alerts/" + id + "/acknowledge?city=bandung", "national-operator-token-0123456789", "").statusCode(),
        "an operator without a city acts on every city");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Reads the stream until it has seen {@code events} events. */
  private static String firstSseEvents(String path, int events) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.httpPort() + path).toURL().openConnection();
    c.setReadTimeout(10_000);
    StringBuilder seen = new StringBuilder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
      int n = 0;
      String line;
      while (n < events && (line = in.readLine()) != null) {
        seen.append(line).append('\n');
        n += line.startsWith("event:") ? 1 : 0;
      }
    } finally {
      c.disconnect();
    }
    return seen.toString();
  }
}
