package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Browser;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A kecamatan's own command center: Coblong's tokens against Bandung Wetan, the kecamatan next
 * door. Every endpoint of the API and of Open311 is walked (the OpenAPI paths are checked to be
 * all in the walk): each one that would show or change Bandung Wetan's data answers 403 to
 * Coblong's tokens, and Coblong's own answers 200, holding nothing of Bandung Wetan.
 */
class KecamatanTenancyIT {
  private static final String COBLONG_GW = "bandung.coblong.t1";
  private static final String WETAN_GW = "bandung.bandung-wetan.t1";
  private static final String SCREEN = "coblong-screen-token-0123456789";
  private static final String OPERATOR = "coblong-operator-token-0123456789";
  private static final String CITY = "bandung-operator-token-0123456789";
  /** Paths open to every caller by design: node health, probes, the API description. */
  private static final Set<String> OPEN = Set.of("/api/v1/health", "/api/v1/health/live", "/api/v1/health/ready");

  private static TestServer server;
  private static long coblongAlert;
  private static long wetanAlert;

  /** A request, the token it carries, and the status it must get. */
  private record Call(String method, String path, String token, String body, int status) {
  }

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.createTempFile("tokens", ".csv");
    Files.writeString(tokens, String.join("\n", "coblong-wall,screen," + SCREEN + ",bandung,coblong",
        "coblong-duty,operator," + OPERATOR + ",bandung,coblong", "bandung-duty,operator," + CITY + ",bandung") + "\n");
    server = TestServer.start(Map.of("security.apiTokensFile", tokens.toString(), "http.readAccess", "token"));
    server.truncate();
    server.gateway(COBLONG_GW, "bandung", "coblong", "pw-c");
    server.gateway(WETAN_GW, "bandung", "bandung-wetan", "pw-w");
    publish(COBLONG_GW, "pw-c", "coblong", "wl-cikapundung-01", "COB-1");
    publish(WETAN_GW, "pw-w", "bandung-wetan", "wl-cikapundung-02", "WTN-1");
    Poll.until(() -> new JsonObject(get("/api/v1/alerts", CITY).body()).getInteger("activeCount"), 2);
    for (Object a : new JsonObject(get("/api/v1/alerts", CITY).body()).getJsonArray("active")) {
      JsonObject alert = (JsonObject) a;
      if ("coblong".equals(alert.getString("kecamatan"))) {
        coblongAlert = alert.getLong("id");
      } else {
        wetanAlert = alert.getLong("id");
      }
    }
    Poll.until(() -> new JsonObject(get("/api/v1/complaints", CITY).body()).getLong("open"), 2L);
  }

  /** A river gauge past siaga 1 (an alert) and a complaint, in the gateway's kecamatan. */
  private static void publish(String gateway, String secret, String kecamatan, String gauge, String complaint)
      throws Exception {
    long now = System.currentTimeMillis();
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), gateway, secret)) {
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", kecamatan, "telemetry"), Payloads.json(
          "{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"" + gauge + "\","
              + "\"metric\":\"water_level_cm\",\"ts\":" + now + ",\"value\":300}]}")));
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", kecamatan, "complaints"), Payloads.json(
          "{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":2,\"events\":[{\"id\":\"" + complaint + "\","
              + "\"event\":\"created\",\"ts\":" + (now - 1000) + ",\"category\":\"banjir\"}]}")));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyEndpointRefusesAnotherKecamatanAndServesItsOwn() throws Exception {
    List<Call> calls = new ArrayList<>();
    for (String view : List.of("kecamatan", "complaints", "air", "flood", "ingest", "alerts", "quality")) {
      calls.add(new Call("GET", "/api/v1/" + view, SCREEN, null, 200));
      calls.add(new Call("GET", "/api/v1/" + view + "?kecamatan=coblong", SCREEN, null, 200));
      calls.add(new Call("GET", "/api/v1/" + view + "?kecamatan=bandung-wetan", SCREEN, null, 403));
      // a replay (?at=) is read as the live view is: its own kecamatan, never another's
      String at = "at=" + java.time.Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      // (the quality view keeps no history: its replay is refused, for every reader)
      calls.add(new Call("GET", "/api/v1/" + view + "?" + at, SCREEN, null, view.equals("quality") ? 400 : 200));
      calls.add(new Call("GET", "/api/v1/" + view + "?kecamatan=bandung-wetan&" + at, SCREEN, null, 403));
    }
    calls.addAll(List.of(
        new Call("GET", "/api/v1/city", SCREEN, null, 200),
        new Call("GET", "/api/v1/city?kecamatan=bandung-wetan", SCREEN, null, 403),
        new Call("GET", "/api/v1/stream?kecamatan=bandung-wetan", SCREEN, null, 403),
        new Call("GET", "/api/v1/series?metric=water_level_cm&step=1m", SCREEN, null, 200),
        new Call("GET", "/api/v1/series?metric=water_level_cm&step=1m&kecamatan=bandung-wetan", SCREEN, null, 403),
        new Call("GET", "/api/v1/alerts/history", SCREEN, null, 200),
        new Call("GET", "/api/v1/alerts/history?kecamatan=bandung-wetan", SCREEN, null, 403),
        new Call("GET", "/api/v1/kecamatan/coblong/sensors", SCREEN, null, 200),
        new Call("GET", "/api/v1/kecamatan/bandung-wetan/sensors", SCREEN, null, 403),
        new Call("GET", "/api/v1/rapor?period=2026-11", SCREEN, null, 200),
        new Call("GET", "/api/v1/rapor?period=2026-11&format=csv", SCREEN, null, 200),
        new Call("GET", "/api/v1/rapor?period=2026-11&kecamatan=bandung-wetan", SCREEN, null, 403),
        new Call("GET", "/api/v1/rapor/items?period=2026-11&figure=complaints_received", SCREEN, null, 200),
        new Call("GET", "/api/v1/rapor/items?period=2026-11&figure=complaints_received&kecamatan=bandung-wetan", SCREEN, null,
            403),
        new Call("PUT", "/api/v1/kecamatan/bandung-wetan/sensors/wl-cikapundung-02/maintenance", OPERATOR, null, 403),
        new Call("DELETE", "/api/v1/kecamatan/bandung-wetan/sensors/wl-cikapundung-02/maintenance", OPERATOR, null, 403),
        new Call("PUT", "/api/v1/kecamatan/coblong/sensors/wl-cikapundung-01/maintenance", SCREEN, null, 403),
        // its own kecamatan passes the scope (a sensor it does not have: 404, so the gauge's alert stays)
        new Call("PUT", "/api/v1/kecamatan/coblong/sensors/aq-coblong-none/maintenance", OPERATOR, null, 404),
        new Call("DELETE", "/api/v1/kecamatan/coblong/sensors/aq-coblong-none/maintenance", OPERATOR, null, 404),
        new Call("GET", "/open311/v2/services.json", SCREEN, null, 200),
        new Call("GET", "/open311/v2/requests.json", SCREEN, null, 200),
        new Call("GET", "/open311/v2/requests/COB-1.json", SCREEN, null, 200),
        new Call("GET", "/open311/v2/requests/WTN-1.json", SCREEN, null, 403),
        new Call("GET", "/api/v1/kecamatan?city=cimahi", SCREEN, null, 403),
        new Call("POST", "/api/v1/alerts/" + wetanAlert + "/acknowledge", OPERATOR, "", 403),
        new Call("POST", "/api/v1/alerts/" + coblongAlert + "/acknowledge", SCREEN, "", 403),
        new Call("POST", "/api/v1/kecamatan/bandung-wetan/instructions", OPERATOR, "{\"text\":\"periksa pompa\"}", 403),
        new Call("POST", "/api/v1/kecamatan/coblong/instructions", OPERATOR, "{\"text\":\"periksa pompa\"}", 202),
        new Call("PUT", "/api/v1/admin/cities/bandung", OPERATOR, "{}", 403),
        new Call("POST", "/api/v1/admin/gateways", OPERATOR, "{\"kecamatan\":\"coblong\"}", 403),
        new Call("POST", "/api/v1/admin/gateways/" + COBLONG_GW + "/secret", OPERATOR, null, 403),
        new Call("POST", "/api/v1/admin/gateways/" + COBLONG_GW + "/disable", OPERATOR, null, 403),
        new Call("POST", "/api/v1/admin/gateways/" + COBLONG_GW + "/enable", OPERATOR, null, 403),
        new Call("GET", "/api/v1/admin/thresholds", OPERATOR, null, 403),
        new Call("PUT", "/api/v1/admin/thresholds", OPERATOR, "{\"thresholds\":[]}", 403),
        new Call("GET", "/api/v1/admin/plausibility", OPERATOR, null, 403),
        new Call("PUT", "/api/v1/admin/plausibility", OPERATOR, "{\"plausibility\":{}}", 403),
        new Call("DELETE", "/api/v1/admin/plausibility", OPERATOR, null, 403),
        new Call("GET", "/api/v1/admin/holidays?year=2026", OPERATOR, null, 403),
        new Call("PUT", "/api/v1/admin/holidays/2026", OPERATOR, "{\"holidays\":[]}", 403),
        new Call("DELETE", "/api/v1/admin/holidays/2026", OPERATOR, null, 403),
        new Call("PUT", "/api/v1/admin/sensors/aq-coblong-9", OPERATOR, "{\"kecamatan\":\"coblong\"}", 403),
        // last: acknowledging changes the alert views
        new Call("POST", "/api/v1/alerts/" + coblongAlert + "/acknowledge", OPERATOR, "", 200)));

    for (Call call : calls) {
      HttpResponse<String> r = Http.send(server.httpPort(), call.method(), call.path(), call.token(), call.body());
      assertEquals(call.status(), r.statusCode(), call.method() + " " + call.path() + ": " + r.body());
      if (r.statusCode() == 403) {
        assertTrue(r.body().contains("coblong") || r.body().contains("role"), "a 403 says why: " + r.body());
      } else if (call.method().equals("GET")) {
        assertFalse(r.body().contains("bandung-wetan") || r.body().contains("WTN-1") || r.body().contains("Bandung Wetan")
            || r.body().contains("wl-cikapundung-02"), call.path() + " shows Bandung Wetan: " + r.body());
      }
    }
    assertTrue(new JsonObject(get("/api/v1/alerts/history?kecamatan=bandung-wetan", CITY).body()).getJsonArray("alerts")
        .getJsonObject(0).getString("acknowledgedBy") == null, "Bandung Wetan's alert is left unacknowledged");
    assertEveryDocumentedPathIsWalked(calls);
  }

  @Test
  void ownKecamatanViewsCountItsOwnData() throws Exception {
    JsonObject alerts = new JsonObject(get("/api/v1/alerts", SCREEN).body());
    assertEquals("coblong", alerts.getString("kecamatanScope"));
    assertEquals(1, alerts.getJsonArray("active").size(), alerts.encode());
    assertEquals(1L, new JsonObject(get("/api/v1/complaints", SCREEN).body()).getLong("open"));
    assertEquals(2L, new JsonObject(get("/api/v1/complaints", CITY).body()).getLong("open"), "the city sees both");
    JsonObject ingest = new JsonObject(get("/api/v1/ingest", SCREEN).body());
    assertEquals(1, ingest.getJsonArray("gateways").size(), ingest.encode());
    JsonObject city = new JsonObject(get("/api/v1/city", SCREEN).body());
    assertEquals(1, city.getJsonArray("kecamatan").size());
    JsonArray requests = new JsonArray(get("/open311/v2/requests.json", SCREEN).body());
    assertEquals(1, requests.size(), requests.encode());
    JsonObject series = new JsonObject(get("/api/v1/series?metric=water_level_cm&step=1m", SCREEN).body());
    long readings = series.getJsonArray("points").stream().mapToLong(p -> ((JsonObject) p).getLong("count")).sum();
    assertEquals(1, readings, "Coblong's series counts Coblong's reading only: " + series.encode());
    // the rapor of the days around the complaints: Coblong's own figures, and not the city's totals
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"));
    String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    JsonObject rapor = new JsonObject(get("/api/v1/rapor?" + range, SCREEN).body());
    assertEquals(1, rapor.getJsonArray("kecamatan").size(), rapor.encode());
    JsonObject own = rapor.getJsonArray("kecamatan").getJsonObject(0);
    assertEquals("coblong", own.getString("slug"));
    assertEquals(1, own.getJsonObject("figures").getJsonObject("complaints_received").getInteger("value"));
    assertEquals(null, rapor.getJsonObject("total"), "the city's totals hold Bandung Wetan's");
    JsonObject cityRapor = new JsonObject(get("/api/v1/rapor?" + range, CITY).body());
    assertEquals(2, cityRapor.getJsonObject("total").getJsonObject("figures").getJsonObject("complaints_received")
        .getInteger("value"), "the city sees both");
    // and the items behind a figure: Coblong's complaint only for Coblong, both for the city
    JsonObject items = new JsonObject(get("/api/v1/rapor/items?" + range + "&figure=complaints_received", SCREEN).body());
    assertEquals("coblong", items.getString("kecamatan"));
    assertEquals(1, items.getInteger("count"), items.encode());
    assertEquals("COB-1", items.getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals(2, new JsonObject(get("/api/v1/rapor/items?" + range + "&figure=complaints_received", CITY).body())
        .getInteger("count"), "the city's items hold both");
  }

  @Test
  void theStreamSendsOnlyTheKecamatansViews() throws Exception {
    String events = firstSseEvents("/api/v1/stream?access_token=" + SCREEN, 6);
    assertTrue(events.contains("\"kecamatanScope\":\"coblong\""), events);
    assertTrue(events.contains("wl-cikapundung-01"), events);
    assertFalse(events.contains("bandung-wetan") || events.contains("wl-cikapundung-02") || events.contains("WTN-1"), events);
  }

  @Test
  void theWallWithAKecamatansTokenIsThatKecamatansScreen() throws Exception {
    ChromeDriver browser = Browser.start();
    try {
      browser.get("http://127.0.0.1:" + server.httpPort() + "/wall/?lang=en&access_token=" + SCREEN);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(d -> "Kecamatan Coblong".equals(d.findElement(By.id("city-name")).getText()));
      wait.until(d -> d.findElement(By.id("detail-sensors")).getText().contains("wl-cikapundung-01"));
      wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
      wait.until(d -> "1".equals(d.findElement(By.id("c-alerts")).getText()));
      String page = browser.findElement(By.tagName("body")).getText();
      assertFalse(page.contains("Bandung Wetan") || page.contains(WETAN_GW) || page.contains("wl-cikapundung-02"), page);

      // another kecamatan's screen with Coblong's token is refused, and says so
      browser.get("http://127.0.0.1:" + server.httpPort() + "/wall/?lang=en&kec=bandung-wetan&access_token=" + SCREEN);
      wait.until(d -> d.findElement(By.id("city-name")).getText().equals("Kecamatan bandung-wetan: refused (403)"));
    } finally {
      browser.quit();
    }
  }

  @Test
  void aTokenFileNamingAnUnknownKecamatanStopsTheStartWithTheLine() throws Exception {
    Path tokens = Files.createTempFile("tokens", ".csv");
    Files.writeString(tokens, "dago-wall,screen," + SCREEN + ",bandung,dago\n");
    Exception e = assertThrows(Exception.class, () -> TestServer.start(Map.of(
        "security.apiTokensFile", tokens.toString())).close());
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains(tokens + ":1: kecamatan 'dago' is not in city 'bandung'"), messages.toString());
  }

  /** Each path of the OpenAPI description is in the walk (or open by design), so a new endpoint is not missed. */
  private static void assertEveryDocumentedPathIsWalked(List<Call> calls) throws Exception {
    String yaml;
    try (InputStream in = KecamatanTenancyIT.class.getClassLoader().getResourceAsStream("openapi/pantau-api.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> documented = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^  (/\\S+):$").matcher(yaml);
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertTrue(documented.size() > 20, documented.toString());
    for (String path : documented) {
      if (OPEN.contains(path)) {
        continue;
      }
      Pattern template = Pattern.compile(path.replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/?]+") + "(\\?.*)?");
      assertTrue(calls.stream().anyMatch(c -> template.matcher(c.path()).matches()), path + " is not walked");
    }
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return Http.send(server.httpPort(), "GET", path, token, null);
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
