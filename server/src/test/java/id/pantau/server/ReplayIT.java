package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The views as they stood at an instant ({@code ?at=}) against a real server: readings and
 * complaint events sent over MQTT with timestamps hours in the past, an alert opened,
 * acknowledged and cleared by the engine in real time; then each view asked at several
 * instants shows what stood then, and the live view what stands now.
 */
class ReplayIT extends ServerIT {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String GAUGE = "wl-cikapundung-01"; // coblong; siaga 3 at 150 cm, 2 at 200, 1 at 250
  private Mqtt5Gateway gateway;
  private long seq;
  private Instant t0;

  @BeforeEach
  void connect() throws Exception {
    gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
    t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  }

  @AfterEach
  void disconnect() throws Exception {
    gateway.close();
  }

  @Test
  void aGaugeComplaintsAndCountersShowAsTheyStoodAtEachInstant() throws Exception {
    // given a gauge normal 3 h ago, at siaga 2 two hours ago, normal again an hour ago
    gauge(t0.minus(Duration.ofMinutes(180)), 120);
    gauge(t0.minus(Duration.ofMinutes(120)), 210);
    gauge(t0.minus(Duration.ofMinutes(60)), 130);
    // and a complaint resolved in between, another still open
    complaints(created("R-1", t0.minus(Duration.ofMinutes(170)), "banjir"),
        created("R-2", t0.minus(Duration.ofMinutes(150)), "jalan_rusak"),
        event("R-1", "resolved", t0.minus(Duration.ofMinutes(90))));
    Poll.until(() -> server.number("SELECT count(*) FROM complaint"), 2L);

    // before anything: no data, nothing open
    Instant before = t0.minus(Duration.ofMinutes(185));
    JsonObject flood = view("flood", before);
    assertEquals("no_data", gauge(flood).getString("status"));
    assertEquals(true, flood.getBoolean("replay"));
    assertEquals(before.toString(), flood.getString("at"));
    assertEquals(0, view("complaints", before).getLong("open"));
    assertEquals("no_data", tile(view("kecamatan", before), "coblong").getString("status"));

    // at T1 (siaga 2 on the gauge, both complaints open)
    Instant t1 = t0.minus(Duration.ofMinutes(115));
    JsonObject g1 = gauge(view("flood", t1));
    assertEquals("siaga_2", g1.getString("status"));
    assertEquals(210.0, g1.getDouble("levelCm"));
    JsonObject c1 = view("complaints", t1);
    assertEquals(2, c1.getLong("open"));
    assertEquals(new JsonObject().put("banjir", 1).put("jalan_rusak", 1), c1.getJsonObject("openByKecamatan")
        .getJsonObject("coblong"));
    assertEquals(0, c1.getJsonObject("timeToResolve24h").getLong("resolved"));
    JsonObject coblong1 = tile(view("kecamatan", t1), "coblong");
    assertEquals("warning", coblong1.getString("status"));
    assertEquals("flood", coblong1.getJsonArray("statusReasons").getJsonObject(0).getString("kind"));
    assertEquals(210.0, coblong1.getJsonObject("metrics").getJsonObject("water_level_cm").getJsonObject("latest")
        .getDouble("value"));

    // at T2 (the gauge normal again, one complaint resolved 80 minutes after it came in)
    Instant t2 = t0.minus(Duration.ofMinutes(55));
    assertEquals("normal", gauge(view("flood", t2)).getString("status"));
    JsonObject c2 = view("complaints", t2);
    assertEquals(1, c2.getLong("open"));
    assertEquals(new JsonObject().put("jalan_rusak", 1), c2.getJsonObject("openByKecamatan").getJsonObject("coblong"));
    assertEquals(1, c2.getJsonObject("timeToResolve24h").getLong("resolved"));
    assertEquals(80 * 60.0, c2.getJsonObject("timeToResolve24h").getDouble("medianSeconds"));
    assertEquals("normal", tile(view("kecamatan", t2), "coblong").getString("status"));

    // the counters: one reading in the whole minute before T, none in another
    assertEquals(1 / 60.0, view("ingest", t0.minus(Duration.ofMinutes(119))).getDouble("readingsPerSecondLastMinute"),
        1e-9);
    assertEquals(0.0, view("ingest", t1).getDouble("readingsPerSecondLastMinute"));

    // a kecamatan's screen replays its own part
    JsonObject narrowed = view("flood", t1, "&kecamatan=coblong");
    assertEquals("coblong", narrowed.getString("kecamatanScope"));
    assertEquals(true, narrowed.getBoolean("replay"));
    assertEquals("siaga_2", gauge(narrowed).getString("status"));

    // while the live view shows now: the gauge's latest reading, the open complaint
    JsonObject live = get("/api/v1/flood");
    assertNull(live.getValue("replay"));
    // live, the gauge's readings arrived hours after their timestamps: sensor health finds it late
    // (suspect), so its level counts for no siaga now, whatever it was then
    Poll.until(() -> gauge(get("/api/v1/flood")).getBoolean("untrusted", false), true);
    JsonObject gaugeNow = get("/api/v1/kecamatan/coblong/sensors").getJsonArray("sensors").stream()
        .map(JsonObject.class::cast).filter(x -> GAUGE.equals(x.getString("sensor"))).findFirst().orElseThrow();
    assertEquals("suspect", gaugeNow.getString("state"), gaugeNow.encode());
    assertEquals("late", gaugeNow.getString("reason"), gaugeNow.encode());
    Poll.until(() -> get("/api/v1/complaints").getLong("open"), 1L);
  }

  @Test
  void anAlertIsOpenAcknowledgedAndClearedAsTheEngineAndTheOperatorLeftIt() throws Exception {
    // the engine judges the present: the alert's times are real ones
    gauge(Instant.now(), 262);
    JsonObject opened = awaitFloodAlert();
    Instant openedAt = Instant.parse(opened.getString("openedAt"));
    awaitClockPast(openedAt.plusSeconds(2));
    assertEquals(200, post("/api/v1/alerts/" + opened.getLong("id") + "/acknowledge", server.operatorToken())
        .statusCode());
    JsonObject acked = historyOf(opened.getLong("id"));
    Instant ackAt = Instant.parse(acked.getJsonObject("acknowledged").getString("at"));
    awaitClockPast(ackAt.plusSeconds(2));
    gauge(Instant.now(), 130);
    Poll.until(() -> historyOf(opened.getLong("id")).getString("clearedAt") != null, true);
    Instant clearedAt = Instant.parse(historyOf(opened.getLong("id")).getString("clearedAt"));

    // at T1 (after opening, before the acknowledgement): open, not acknowledged
    Instant t1 = nextSecond(openedAt);
    JsonObject a1 = view("alerts", t1);
    assertEquals(1, a1.getInteger("activeCount"));
    assertEquals(1, a1.getJsonObject("activeBySeverity").getInteger("danger"));
    JsonObject alert1 = a1.getJsonArray("active").getJsonObject(0);
    assertEquals("open", alert1.getString("state"));
    assertNull(alert1.getValue("acknowledged"));
    assertNull(alert1.getValue("clearedAt"));
    assertEquals("danger", tile(view("kecamatan", t1), "coblong").getString("status"));

    // after the acknowledgement, before clearing
    JsonObject alert2 = view("alerts", nextSecond(ackAt)).getJsonArray("active").getJsonObject(0);
    assertEquals("acknowledged", alert2.getString("state"));
    assertEquals("operator", alert2.getJsonObject("acknowledged").getString("by"));

    // at T2 (cleared): nothing open, and it is among the cleared (asked once T2 has come: never the future)
    awaitClockPast(nextSecond(clearedAt));
    JsonObject a2 = view("alerts", nextSecond(clearedAt));
    assertEquals(0, a2.getInteger("activeCount"));
    JsonArray cleared = a2.getJsonArray("clearedLast24h");
    assertEquals(1, cleared.size());
    assertEquals("cleared", cleared.getJsonObject(0).getString("state"));

    // before it opened: nothing
    assertEquals(0, view("alerts", openedAt.minusSeconds(1)).getInteger("activeCount"));
    assertTrue(view("alerts", openedAt.minusSeconds(1)).getJsonArray("clearedLast24h").isEmpty());
  }

  @Test
  void aFutureInstantAnInstantBeforeTheHistoryAndAMalformedOneAreRefused() throws Exception {
    HttpResponse<String> future = raw("/api/v1/flood?at=" + enc(Instant.now().plus(Duration.ofHours(1))
        .atOffset(ZoneOffset.ofHours(7)).toString()));
    assertEquals(400, future.statusCode(), future.body());
    assertEquals("at", new JsonObject(future.body()).getString("parameter"));
    assertTrue(new JsonObject(future.body()).getString("error").contains("future"), future.body());

    HttpResponse<String> tooOld = raw("/api/v1/alerts?at=" + enc(Instant.now().minus(Duration.ofDays(800)).toString()));
    assertEquals(400, tooOld.statusCode(), tooOld.body());
    assertTrue(new JsonObject(tooOld.body()).getString("error").contains("older than the history kept"), tooOld.body());

    assertEquals(400, raw("/api/v1/kecamatan?at=2026-11-20T16:00").statusCode(), "an instant needs its offset");
    assertEquals(400, raw("/api/v1/kecamatan?at=yesterday").statusCode());
    // a view that keeps no history says so rather than failing
    HttpResponse<String> quality = raw("/api/v1/quality?at=" + enc(Instant.now().minus(Duration.ofHours(1)).toString()));
    assertEquals(400, quality.statusCode(), quality.body());
    assertTrue(quality.body().contains("cannot be replayed"), quality.body());

    // an instant with the city's offset, as the wall's URL carries it, is taken
    HttpResponse<String> ok = raw("/api/v1/complaints?at=" + enc(Instant.now().minus(Duration.ofHours(1))
        .atOffset(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.MINUTES).toString()));
    assertEquals(200, ok.statusCode(), ok.body());
    assertFalse(ok.headers().firstValue("ETag").isPresent(), "a replayed view is not the live snapshot");
  }

  @Test
  void aDayOfRollupsOfTheWholeCityReplaysFromTheirKeysAndTheSecondAskIsShared() throws Exception {
    // a day of one-minute rollups for every kecamatan and metric of Bandung (the mean is the minute of the hour)
    server.execute("""
        INSERT INTO rollup_1m (kecamatan_id, metric_id, minute, count, sum, min, max)
        SELECT k.id, m.id, gs, 6, 6 * extract(minute FROM gs), 0, 59
        FROM kecamatan k JOIN city c ON c.id = k.city_id AND c.slug = 'bandung' CROSS JOIN metric m
        CROSS JOIN generate_series(date_trunc('minute', now()) - interval '1 day',
                                   date_trunc('minute', now()) - interval '1 minute', interval '1 minute') gs""");
    server.execute("ANALYZE rollup_1m"); // as autovacuum would have by then: plans for a table of this size
    long rows = server.number("SELECT count(*) FROM rollup_1m");
    Instant at = t0.minus(Duration.ofMinutes(47)).plusSeconds(30);
    long started = System.nanoTime();
    JsonObject kecamatan = view("kecamatan", at);
    long coldMs = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    JsonObject again = view("air", at);
    long sharedMs = (System.nanoTime() - started) / 1_000_000;
    // the last whole minute before at is the minute before at's own
    long minuteOfHour = at.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC).getMinute();
    JsonObject pm25 = tile(kecamatan, "coblong").getJsonObject("metrics").getJsonObject("pm25");
    assertEquals((double) minuteOfHour, pm25.getJsonObject("latest").getDouble("value"));
    assertEquals(6 * 30, kecamatan.getJsonObject("cityWide").getJsonObject("pm25").getJsonObject("lastMinute")
        .getLong("count"));
    assertTrue(again.getJsonObject("kecamatan").containsKey("coblong"));
    // a figure for the report, not an assertion: the machine running the tests is shared
    System.out.printf("replay over %d rollup rows: six views computed in %d ms, the next view of the same instant %d ms%n",
        rows, coldMs, sharedMs);
  }

  // ---- helpers ----

  private void gauge(Instant ts, double cm) throws Exception {
    String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":" + (++seq) + ",\"readings\":[{\"sensor\":\""
        + GAUGE + "\",\"metric\":\"water_level_cm\",\"ts\":" + ts.toEpochMilli() + ",\"value\":" + cm + "}]}";
    assertEquals(0, gateway.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(batch)));
  }

  private void complaints(String... events) throws Exception {
    String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":" + (++seq) + ",\"events\":["
        + String.join(",", events) + "]}";
    assertEquals(0, gateway.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "complaints"),
        Payloads.json(batch)));
  }

  private static String created(String id, Instant ts, String category) {
    return "{\"id\":\"" + id + "\",\"event\":\"created\",\"ts\":" + ts.toEpochMilli() + ",\"category\":\"" + category
        + "\",\"kelurahan\":\"dago\",\"lat\":-6.8853,\"lon\":107.6133,\"channel\":\"lapor\",\"priority\":\"high\"}";
  }

  private static String event(String id, String event, Instant ts) {
    return "{\"id\":\"" + id + "\",\"event\":\"" + event + "\",\"ts\":" + ts.toEpochMilli() + "}";
  }

  private static JsonObject awaitFloodAlert() throws Exception {
    Poll.until(() -> get("/api/v1/alerts").getJsonArray("active").stream()
        .anyMatch(a -> GAUGE.equals(((JsonObject) a).getString("subject"))), true);
    return get("/api/v1/alerts").getJsonArray("active").stream().map(a -> (JsonObject) a)
        .filter(a -> GAUGE.equals(a.getString("subject"))).findFirst().orElseThrow();
  }

  private static JsonObject historyOf(long id) throws Exception {
    return get("/api/v1/alerts/history").getJsonArray("alerts").stream().map(a -> (JsonObject) a)
        .filter(a -> a.getLong("id") == id).findFirst().orElseThrow();
  }

  /** Instants asked are to the second: one strictly after {@code t}'s second holds what happened at {@code t}. */
  private static Instant nextSecond(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
  }

  /** Waits for the clock, so that two events are at least a whole second apart. */
  private static void awaitClockPast(Instant t) throws Exception {
    Poll.until(() -> Instant.now().isAfter(t), true);
  }

  private static JsonObject gauge(JsonObject flood) {
    return flood.getJsonArray("gauges").stream().map(g -> (JsonObject) g)
        .filter(g -> GAUGE.equals(g.getString("sensor"))).findFirst().orElseThrow();
  }

  private static JsonObject tile(JsonObject kecamatan, String slug) {
    return kecamatan.getJsonArray("kecamatan").stream().map(k -> (JsonObject) k)
        .filter(k -> slug.equals(k.getString("slug"))).findFirst().orElseThrow();
  }

  /** The view at {@code at}, asked as the wall does: with the city's offset (WIB). */
  private static JsonObject view(String name, Instant at) throws Exception {
    return view(name, at, "");
  }

  private static JsonObject view(String name, Instant at, String extra) throws Exception {
    return get("/api/v1/" + name + "?at=" + enc(at.atOffset(ZoneOffset.ofHours(7)).toString()) + extra);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = raw(path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> raw(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
