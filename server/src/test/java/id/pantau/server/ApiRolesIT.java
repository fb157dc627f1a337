package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.pantau.dashboard.http.ApiTokens;
import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.LogCapture;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Tokens with roles on a server whose reads need a token too ({@code http.readAccess = token}):
 * every write endpoint refuses a missing, unknown or weaker token and takes the role it needs;
 * what the admin endpoints do takes effect without a restart (a new gateway logs in, a rotated
 * secret replaces the old one, thresholds raise alerts, a registered sensor passes the
 * allow-list); screens read only their city.
 */
class ApiRolesIT {
  private static final String SCREEN = "screen-token-0123456789";
  private static final String OPERATOR = "operator-token-0123456789";
  private static final String ADMIN = "admin-token-0123456789";
  private static final String CIMAHI_SCREEN = "cimahi-screen-token-0123456789";
  private static final String CIMAHI_ADMIN = "cimahi-admin-token-0123456789";
  private static final String GW = "bandung.coblong.t1";
  private static Path tokens;
  private static TestServer server;

  /** An endpoint, a body it accepts, the weakest role it takes, and its status when that role calls it. */
  private record Endpoint(String method, String path, String body, String role, int allowedStatus) {
  }

  @BeforeAll
  static void start() throws Exception {
    tokens = Files.createTempFile("api-tokens", ".csv");
    Files.writeString(tokens, String.join("\n", "wall,screen," + SCREEN, "duty,operator," + OPERATOR,
        "root,admin," + ADMIN, "cimahi-wall,screen," + CIMAHI_SCREEN + ",cimahi",
        "cimahi-root,admin," + CIMAHI_ADMIN + ",cimahi") + "\n");
    server = TestServer.start(Map.of(
        "cities.files", "classpath:cities/bandung.json,classpath:cities/test-cimahi.json,classpath:cities/test-allowlist.json",
        "security.apiTokensFile", tokens.toString(), "http.readAccess", "token"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void oneGateway() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", "pw-1");
  }

  @Test
  void aGatewayIdMustCarryItsCitysPrefix() throws Exception {
    var foreign = Http.send(server.httpPort(), "POST", "/api/v1/admin/gateways?city=cimahi", CIMAHI_ADMIN,
        "{\"kecamatan\":\"cimahi-utara\",\"id\":\"bandung.coblong.squat1\"}");
    assertEquals(400, foreign.statusCode(), "cimahi's admin cannot create an id that passes for bandung's: " + foreign.body());
    assertEquals(0, server.number("SELECT count(*) FROM gateway WHERE id = 'bandung.coblong.squat1'"));
    var own = Http.send(server.httpPort(), "POST", "/api/v1/admin/gateways?city=cimahi", CIMAHI_ADMIN,
        "{\"kecamatan\":\"cimahi-utara\",\"id\":\"cimahi.cimahi-utara.gw9\"}");
    assertEquals(201, own.statusCode(), own.body());
  }

  @Test
  void anEditedTokenFileIsTakenUpWithoutARestartAndABrokenOneIsRefused() throws Exception {
    String original = Files.readString(tokens);
    String added = "night-shift-token-0123456789";
    String instruction = "{\"text\":\"periksa pompa\"}";
    String path = "/api/v1/kecamatan/coblong/instructions";
    assertEquals(401, Http.send(server.httpPort(), "POST", path, added, instruction).statusCode());
    try {
      Files.writeString(tokens, original + "night-shift,operator," + added + "\n");
      Poll.until(() -> Http.send(server.httpPort(), "POST", path, added, instruction).statusCode(), 202);

      // a file broken mid-edit is refused; the tokens in force stay
      try (LogCapture tokenLog = LogCapture.of(ApiTokens.class)) {
        Files.writeString(tokens, original + "night-shift,operator,short\n");
        Poll.until(() -> tokenLog.contains("API tokens file not taken up"), true); // the server read it and said no
      }
      assertEquals(202, Http.send(server.httpPort(), "POST", path, added, instruction).statusCode());

      // revoked: the line is gone
      Files.writeString(tokens, original);
      Poll.until(() -> Http.send(server.httpPort(), "POST", path, added, instruction).statusCode(), 401);
      assertEquals(202, Http.send(server.httpPort(), "POST", path, OPERATOR, instruction).statusCode());
    } finally {
      Files.writeString(tokens, original);
    }
  }

  @Test
  void everyWriteEndpointRefusesAMissingUnknownOrWeakerToken() throws Exception {
    List<Endpoint> endpoints = List.of(
        new Endpoint("POST", "/api/v1/alerts/999999/acknowledge", "", "operator", 404),
        new Endpoint("POST", "/api/v1/kecamatan/coblong/instructions", "{\"text\":\"periksa pompa\"}", "operator", 202),
        new Endpoint("POST", "/api/v1/admin/gateways", "{\"kecamatan\":\"regol\"}", "admin", 201),
        new Endpoint("POST", "/api/v1/admin/gateways/" + GW + "/secret", null, "admin", 200),
        new Endpoint("GET", "/api/v1/admin/thresholds", null, "admin", 200),
        new Endpoint("PUT", "/api/v1/admin/thresholds", "{\"thresholds\":[]}", "admin", 200),
        new Endpoint("PUT", "/api/v1/admin/sensors/aq-roles-01", "{\"kecamatan\":\"coblong\"}", "admin", 200),
        new Endpoint("GET", "/api/v1/admin/plausibility", null, "admin", 200),
        new Endpoint("PUT", "/api/v1/admin/plausibility", "{}", "admin", 200),
        new Endpoint("DELETE", "/api/v1/admin/plausibility", null, "admin", 200),
        new Endpoint("GET", "/api/v1/admin/holidays?year=2031", null, "admin", 200),
        new Endpoint("PUT", "/api/v1/admin/holidays/2031", "{\"holidays\":[]}", "admin", 200),
        new Endpoint("DELETE", "/api/v1/admin/holidays/2031", null, "admin", 200),
        // bandung comes from a city file, so an admin gets as far as 409: past every token check
        new Endpoint("PUT", "/api/v1/admin/cities/bandung", "{\"slug\":\"bandung\",\"name\":\"x\",\"kecamatan\":"
            + "[{\"slug\":\"a\",\"name\":\"A\",\"zone\":\"north\"}]}", "admin", 409));
    Map<String, String> tokenOf = Map.of("screen", SCREEN, "operator", OPERATOR, "admin", ADMIN);
    List<String> ranks = List.of("screen", "operator", "admin");
    for (Endpoint e : endpoints) {
      String what = e.method() + " " + e.path();
      assertEquals(401, call(e, null).statusCode(), what + " without a token");
      assertEquals(401, call(e, "not-a-valid-token-at-all").statusCode(), what + " with an unknown token");
      for (String weaker : ranks.subList(0, ranks.indexOf(e.role()))) {
        HttpResponse<String> r = call(e, tokenOf.get(weaker));
        assertEquals(403, r.statusCode(), what + " with a " + weaker + " token");
        assertTrue(r.body().contains("needs the " + e.role() + " role"), r.body());
      }
      assertEquals(403, call(e, CIMAHI_ADMIN).statusCode(), what + " with another city's admin token");
      for (String enough : ranks.subList(ranks.indexOf(e.role()), ranks.size())) {
        if (e.path().startsWith("/api/v1/admin/gateways") && e.method().equals("POST") && !enough.equals(e.role())) {
          continue; // creating twice would conflict; the role check is the same code path
        }
        HttpResponse<String> r = call(e, tokenOf.get(enough));
        assertEquals(e.allowedStatus(), r.statusCode(), what + " with a " + enough + " token: " + r.body());
      }
    }
  }

  @Test
  void anAddedGatewayLogsInAndARotatedSecretReplacesTheOldOne() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    JsonObject created = new JsonObject(Http.send(server.httpPort(), "POST", "/api/v1/admin/gateways", ADMIN,
        "{\"kecamatan\":\"coblong\",\"id\":\"bandung.coblong.new1\"}").body());
    assertEquals("bandung.coblong.new1", created.getString("gateway"));
    String first = created.getString("secret");
    try (Mqtt5Gateway g = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.new1", first)) {
      assertEquals(0, g.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry("bandung.coblong.new1", 1, 1, "aq-coblong-01", 2, 10)));
    }
    assertEquals(409, Http.send(server.httpPort(), "POST", "/api/v1/admin/gateways", ADMIN,
        "{\"kecamatan\":\"coblong\",\"id\":\"bandung.coblong.new1\"}").statusCode(), "an id is not taken twice");

    HttpResponse<String> rotated = Http.send(server.httpPort(), "POST", "/api/v1/admin/gateways/bandung.coblong.new1/secret",
        ADMIN, null);
    assertEquals(200, rotated.statusCode(), rotated.body());
    String second = new JsonObject(rotated.body()).getString("secret");
    MqttException refused = assertThrows(MqttException.class,
        () -> Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.new1", first).close());
    assertEquals(0x86, refused.getReasonCode(), "the old secret is refused: bad user name or password");
    try (Mqtt5Gateway g = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.new1", second)) {
      assertTrue(g.isConnected());
    }
    assertEquals(404, Http.send(server.httpPort(), "POST", "/api/v1/admin/gateways/bandung.coblong.new1/secret?city=cimahi",
        CIMAHI_ADMIN, null).statusCode(), "cimahi's admin does not see bandung's gateway");

    root.detachAppender(log);
    assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("gateway secret rotated")),
        "the log says what happened");
    for (ILoggingEvent e : log.list) {
      String line = e.getFormattedMessage();
      for (String secret : List.of(first, second, ADMIN, CIMAHI_ADMIN)) {
        assertTrue(!line.contains(secret), "a secret was logged: " + line);
      }
    }
  }

  @Test
  void thresholdsSetOverTheApiRaiseAlertsWithoutARestart() throws Exception {
    HttpResponse<String> bad = Http.send(server.httpPort(), "PUT", "/api/v1/admin/thresholds", ADMIN,
        "{\"thresholds\":[{\"metric\":\"pm25\",\"above\":40,\"clearBelow\":50}]}");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("clearBelow (50.0) must not be above"), bad.body());

    assertEquals(200, Http.send(server.httpPort(), "PUT", "/api/v1/admin/thresholds", ADMIN,
        "{\"thresholds\":[{\"metric\":\"pm25\",\"sensor\":\"aq-coblong-01\",\"above\":40,\"clearBelow\":30,"
            + "\"severity\":\"danger\"}]}").statusCode());
    JsonObject shown = new JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/admin/thresholds", ADMIN, null).body());
    assertEquals("admin", shown.getString("source"));
    assertEquals(40.0, shown.getJsonArray("thresholds").getJsonObject(0).getDouble("above"));

    // 60 is far below the city file's 150, above the administrator's 40
    try (Mqtt5Gateway g = Mqtt5Gateway.connect(server.mqttPort(), GW, "pw-1")) {
      assertEquals(0, g.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(GW, 1, 1, "aq-coblong-01", 1, 60)));
    }
    Poll.until(() -> activeSeverity("pm25:aq-coblong-01"), "danger");
  }

  @Test
  void anAllowListCityTakesOnlyRegisteredSensors() throws Exception {
    server.gateway("sumedang.jatinangor.t1", "sumedang", "jatinangor", "pw-s");
    String topic = Payloads.topic("sumedang", "jatinangor", "telemetry");
    try (Mqtt5Gateway g = Mqtt5Gateway.connect(server.mqttPort(), "sumedang.jatinangor.t1", "pw-s")) {
      assertEquals(0x87, g.publishAndAwaitReason(topic, Payloads.telemetry("sumedang.jatinangor.t1", 1, 1,
          "aq-jatinangor-01", 2, 10)), "an unregistered sensor is refused: not authorized");
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = 'sumedang.jatinangor.t1'")
          .contains("'aq-jatinangor-01' is not registered"));
      assertEquals(200, Http.send(server.httpPort(), "PUT", "/api/v1/admin/sensors/aq-jatinangor-01?city=sumedang",
          ADMIN, "{\"kecamatan\":\"jatinangor\"}").statusCode());
      assertEquals(409, Http.send(server.httpPort(), "PUT", "/api/v1/admin/sensors/aq-jatinangor-01?city=sumedang",
          ADMIN, "{\"kecamatan\":\"tanjungsari\"}").statusCode(), "a sensor keeps its kecamatan");
      assertEquals(0, g.publishAndAwaitReason(topic, Payloads.telemetry("sumedang.jatinangor.t1", 1, 2,
          "aq-jatinangor-01", 2, 10)), "the same sensor, once registered, is stored");
      assertTrue(g.isConnected(), "the refusal did not cost the connection");
    }
    assertEquals(2, server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.external_id = 'aq-jatinangor-01'"));
  }

  @Test
  void readsNeedAScreenTokenOfTheirCity() throws Exception {
    int port = server.httpPort();
    assertEquals(200, Http.send(port, "GET", "/api/v1/health", null, null).statusCode(), "health stays open for probes");
    assertEquals(401, Http.send(port, "GET", "/api/v1/kecamatan", null, null).statusCode());
    assertEquals(401, Http.send(port, "HEAD", "/api/v1/kecamatan", null, null).statusCode(), "HEAD is gated as GET");
    assertEquals(200, Http.send(port, "GET", "/api/v1/kecamatan", SCREEN, null).statusCode());
    assertEquals(200, Http.send(port, "HEAD", "/api/v1/kecamatan", SCREEN, null).statusCode());
    assertEquals(403, Http.send(port, "GET", "/api/v1/kecamatan?city=bandung", CIMAHI_SCREEN, null).statusCode());
    assertEquals(200, Http.send(port, "GET", "/api/v1/kecamatan?city=cimahi", CIMAHI_SCREEN, null).statusCode());
    assertEquals(403, Http.send(port, "GET", "/open311/v2/requests.json?jurisdiction_id=bandung", CIMAHI_SCREEN, null)
        .statusCode());
    assertEquals(401, Http.send(port, "GET", "/api/v1/series?metric=pm25", null, null).statusCode());
    // an EventSource cannot send headers: the wall screen passes its token as access_token
    var stream = new java.net.URL("http://127.0.0.1:" + port + "/api/v1/stream?city=cimahi&access_token="
        + CIMAHI_SCREEN).openConnection();
    stream.setReadTimeout(5000);
    try (var in = stream.getInputStream()) {
      assertTrue(stream.getContentType().startsWith("text/event-stream"), stream.getContentType());
    }
  }

  @Test
  void open311AuthorisesTheCityItServesNotAnotherParameter() throws Exception {
    int port = server.httpPort();
    // given a Cimahi screen token, when it names its own city as `city` and Bandung as jurisdiction_id
    HttpResponse<String> mixed = Http.send(port, "GET", "/open311/v2/requests.json?city=cimahi&jurisdiction_id=bandung",
        CIMAHI_SCREEN, null);
    // then Bandung's complaints are not served: the two must agree, and jurisdiction_id is what is checked
    assertEquals(400, mixed.statusCode(), mixed.body());
    assertTrue(mixed.body().contains("jurisdiction_id"), mixed.body());
    assertEquals(403, Http.send(port, "GET", "/open311/v2/services.json?jurisdiction_id=bandung", CIMAHI_SCREEN, null)
        .statusCode());
    assertEquals(200, Http.send(port, "GET", "/open311/v2/requests.json?jurisdiction_id=cimahi&city=cimahi", CIMAHI_SCREEN,
        null).statusCode(), "the same city named twice is fine");
    assertEquals(200, Http.send(port, "GET", "/open311/v2/requests.json?jurisdiction_id=bandung", SCREEN, null)
        .statusCode(), "a national token reads any jurisdiction");
  }

  @Test
  void aTokenInTheUrlIsTakenForReadsOnly() throws Exception {
    int port = server.httpPort();
    // a read (and an SSE stream) may carry its token as access_token: an EventSource sends no headers
    HttpResponse<String> read = Http.send(port, "GET", "/api/v1/admin/thresholds?access_token=" + ADMIN, null, null);
    assertEquals(200, read.statusCode(), read.body());
    assertEquals("no-referrer", read.headers().firstValue("Referrer-Policy").orElse(null),
        "a URL with a token never leaves in a Referer");
    // a write never does: a link or a logged URL must not be able to act
    HttpResponse<String> ack = Http.send(port, "POST", "/api/v1/alerts/1/acknowledge?access_token=" + OPERATOR, null,
        null);
    assertEquals(401, ack.statusCode(), ack.body());
    assertTrue(ack.body().contains("Authorization: Bearer"), ack.body());
    assertEquals(401, Http.send(port, "PUT", "/api/v1/admin/thresholds?access_token=" + ADMIN, null,
        "{\"thresholds\": []}").statusCode());
    assertEquals(404, Http.send(port, "POST", "/api/v1/alerts/1/acknowledge", OPERATOR, null).statusCode(),
        "the same token in the header gets past the check");
  }

  private static HttpResponse<String> call(Endpoint e, String token) throws Exception {
    return Http.send(server.httpPort(), e.method(), e.path(), token, e.body());
  }

  private static String activeSeverity(String subject) throws Exception {
    JsonObject alerts = new JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/alerts", SCREEN, null).body());
    for (Object o : alerts.getJsonArray("active")) {
      JsonObject a = (JsonObject) o;
      if (a.getString("rule").equals("threshold") && a.getString("subject").equals(subject)) {
        return a.getString("severity");
      }
    }
    return null;
  }
}
