package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The screens' API over real HTTP: snapshots, 304s, push, validation. */
class DashboardApiIT {
  static final String GW = "bandung.coblong.t1";
  static TestServer server;
  static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    server.truncate();
    server.gateway(GW, "bandung", "coblong", "secret-1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void unchangedSnapshotIsAnswered304() throws Exception {
    // when a screen asks again with the ETag it holds (earlier tests' presence updates may still change the
    // snapshot in between: then the answer is the new version with its new ETag, and the screen asks again)
    Poll.until(() -> {
      String etag = get("/api/v1/kecamatan", null).headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again = get("/api/v1/kecamatan", etag);
      if (again.statusCode() == 200) {
        assertTrue(!etag.equals(again.headers().firstValue("ETag").orElseThrow()), "a 200 carries a new version");
        return "changed meanwhile";
      }
      assertEquals("", again.body());
      assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
      return again.statusCode();
    }, 304);
  }

  @Test
  void twoHundredConcurrentPollersAreServedFromSharedSnapshots() throws Exception {
    long before = computations();
    long start = System.nanoTime();

    // when 200 screens, each on its own connection, poll 10 times each, at once
    List<CompletableFuture<Integer>> screens = new ArrayList<>();
    for (int screen = 0; screen < 200; screen++) {
      HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      CompletableFuture<Integer> polls = CompletableFuture.completedFuture(0);
      for (int poll = 0; poll < 10; poll++) {
        polls = polls.thenCompose(ok -> own.sendAsync(request("/api/v1/kecamatan", null),
            HttpResponse.BodyHandlers.ofString()).thenApply(r -> r.statusCode() == 200 ? ok + 1 : ok));
      }
      screens.add(polls);
    }
    for (var s : screens) {
      assertEquals(10, s.get(60, TimeUnit.SECONDS), "every poll of every screen answered 200");
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    // then the database was asked once per tick (every 200 ms here), not once per request
    long computed = computations() - before;
    long ticks = elapsedMs / 200 + 2;
    assertTrue(computed <= ticks, computed + " snapshot computations for 2000 requests in " + elapsedMs + " ms");
  }

  @Test
  void streamPushesAChangeCausedByAnMqttPublish() throws Exception {
    HttpRequest request = request("/api/v1/stream", null);
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String firstId = nextEventId(events); // the current snapshot comes at once

      // when a gateway publishes a reading
      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetry(GW, System.currentTimeMillis(), 1, "stream-sensor", 1, 77)));
      }

      // then an event with a newer id carries it
      String data = null;
      String id = firstId;
      while (data == null || !data.contains("stream-sensor")) {
        id = nextEventId(events);
        data = events.readLine();
      }
      assertTrue(Long.parseLong(id) > Long.parseLong(firstId));
      assertTrue(data.startsWith("data: {\"city\":\"bandung\""));
    }
  }

  @Test
  void streamResumedAtTheCurrentVersionWaitsForTheNextChange() throws Exception {
    HttpResponse<InputStream> first = http.send(request("/api/v1/stream", null), HttpResponse.BodyHandlers.ofInputStream());
    String current;
    try (BufferedReader events = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8))) {
      current = nextEventId(events);
    }
    // when a screen reconnects with Last-Event-ID = the current version
    HttpRequest resume = HttpRequest.newBuilder(uri("/api/v1/stream")).header("Last-Event-ID", current).build();
    HttpResponse<InputStream> resumed = http.send(resume, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events = new BufferedReader(new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
      assertEquals("retry: 2000", events.readLine());
      assertEquals("", events.readLine());
      // and a change comes after it: what the screen gets first is newer than what it had, never that again
      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetry(GW, System.currentTimeMillis(), 1, "resume-sensor", 1, 5)));
      }
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
        String data = null;
        while (data == null || !data.contains("resume-sensor")) {
          String id = nextEventId(events);
          assertTrue(Long.parseLong(id) > Long.parseLong(current), "no snapshot resent to a screen that has it: " + id);
          data = events.readLine();
        }
      });
    }
  }

  @ParameterizedTest
  @CsvSource({
      "metric=pm3, metric",
      "step=5m&metric=pm25, step",
      "metric=pm25&from=yesterday, from",
      "metric=pm25&from=2020-01-01T00:00:00Z, step",
      "metric=pm25&kecamatan=atlantis, kecamatan",
      "step=1h, metric"})
  void badSeriesParameterIsNamedIn400(String query, String parameter) throws Exception {
    HttpResponse<String> response = get("/api/v1/series?" + query, null);
    assertEquals(400, response.statusCode());
    assertEquals(parameter, new JsonObject(response.body()).getString("parameter"));
  }

  @Test
  void seriesSumsMinuteRollupsIntoHours() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(GW, 9, 1, "series-sensor", 4, 10)));
    }
    JsonObject body = new JsonObject(get("/api/v1/series?metric=pm25&kecamatan=coblong&step=1h", null).body());
    var points = body.getJsonArray("points");
    JsonObject last = points.getJsonObject(points.size() - 1);
    assertTrue(last.getLong("count") >= 4);
    assertEquals("1h", body.getString("step"));
    assertNotNull(last.getString("t"));
  }

  @Test
  void openApiDocumentDescribesEveryEndpoint() throws Exception {
    HttpResponse<String> doc = get("/api/v1/openapi.yaml", null);
    assertEquals(200, doc.statusCode());
    for (String path : List.of("/api/v1/health:", "/api/v1/health/live:", "/api/v1/health/ready:", "/api/v1/kecamatan:", "/api/v1/complaints:", "/api/v1/air:",
        "/api/v1/flood:", "/api/v1/ingest:", "/api/v1/stream:", "/api/v1/series:", "/open311/v2/services.json:",
        "/open311/v2/requests.json:", "/open311/v2/requests/{id}.json:", "/api/v1/admin/gateways:", "/api/v1/admin/cities/{slug}:",
        "/api/v1/admin/gateways/{id}/secret:", "/api/v1/admin/thresholds:", "/api/v1/admin/sensors/{sensor}:",
        "/api/v1/admin/plausibility:", "/api/v1/rapor:", "/api/v1/rapor/items:")) {
      assertTrue(doc.body().contains("\n  " + path), "openapi.yaml lacks " + path);
    }
  }

  @Test
  void unknownCityAndEndpointAre404() throws Exception {
    assertEquals(404, get("/api/v1/kecamatan?city=atlantis", null).statusCode());
    assertEquals(404, get("/api/v1/nothing-here", null).statusCode());
  }

  private static long computations() throws Exception {
    return new JsonObject(get("/api/v1/health", null).body()).getJsonObject("api").getLong("snapshotComputations");
  }

  private static String nextEventId(BufferedReader events) throws Exception {
    String line;
    while ((line = events.readLine()) != null) {
      if (line.startsWith("id: ")) {
        String id = line.substring(4);
        events.readLine(); // event: kecamatan
        return id;
      }
    }
    throw new AssertionError("stream ended");
  }

  private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    return http.send(request(path, ifNoneMatch), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String path, String ifNoneMatch) {
    var b = HttpRequest.newBuilder(uri(path));
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return b.build();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + path);
  }
}
