package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A city's plausible ranges over the admin API, as its thresholds are: read, replaced per metric
 * and per sensor, and back to the city file's, each in force without a restart, at once on the
 * node that took it and at its next city reload on an ingest node; a bad range is refused with a
 * 400 that names it.
 */
class PlausibilityAdminIT {
  private static final String ADMIN = "admin-token-0123456789";
  private static final String GW = "bandung.coblong.t1";
  private static final String SECRET = "secret-1";
  private static final String TOPIC = Payloads.topic("bandung", "coblong", "telemetry");
  private static final AtomicLong SEQ = new AtomicLong();
  private static TestServer api;
  private static TestServer ingest;

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.createTempFile("api-tokens", ".csv");
    Files.writeString(tokens, "root,admin," + ADMIN + "\n");
    api = TestServer.start(Map.of("security.apiTokensFile", tokens.toString(), "cities.reloadInterval", "300ms"));
    ingest = TestServer.start(Map.of("role", "ingest", "node.id", "ingest-b", "cities.reloadInterval", "300ms"));
  }

  @AfterAll
  static void stop() {
    ingest.close();
    api.close();
  }

  @BeforeEach
  void emptyData() throws Exception {
    api.truncate();
    api.gateway(GW, "bandung", "coblong", SECRET);
  }

  @AfterEach
  void backToTheCityFile() throws Exception {
    assertEquals(200, send("DELETE", null).statusCode(), "later tests check against the file's ranges");
  }

  @Test
  void rangesSetOverTheApiFlagTheNextReadingsOnEveryNodeAndGoBackToTheFilesOnDelete() throws Exception {
    // given the file's ranges: pm25 0-1000 from the catalogue, the gauge's own rangeCm
    JsonObject before = body(send("GET", null));
    assertEquals("city file", before.getString("source"));
    assertEquals(new JsonObject().put("min", 0.0).put("max", 1000.0), before.getJsonObject("effective").getJsonObject("pm25"));
    assertTrue(before.getJsonObject("sensorPlausibility").containsKey("wl-cikapundung-01"), before.encode());
    assertEquals(0, flaggedAfterSending(api, 600), "600 is plausible for pm25 by the catalogue");

    // when an administrator narrows pm25 city-wide and one sensor's further
    JsonObject ranges = new JsonObject()
        .put("plausibility", new JsonObject().put("pm25", new JsonObject().put("min", 0).put("max", 500)))
        .put("sensorPlausibility", new JsonObject().put("aq-coblong-09",
            new JsonObject().put("pm25", new JsonObject().put("max", 300))));
    HttpResponse<String> set = send("PUT", ranges.encode());
    assertEquals(200, set.statusCode(), set.body());
    JsonObject after = body(set);
    assertEquals("admin", after.getString("source"));
    assertEquals(500.0, after.getJsonObject("effective").getJsonObject("pm25").getDouble("max"));
    assertEquals(300.0, after.getJsonObject("sensorPlausibility").getJsonObject("aq-coblong-09").getJsonObject("pm25")
        .getDouble("max"));
    assertTrue(after.getJsonObject("sensorPlausibility").containsKey("wl-cikapundung-01"), "the gauge keeps its rangeCm");
    assertEquals("admin", body(send("GET", null)).getString("source"));

    // then the next reading of 600 is flagged on the node that took it, at once
    assertEquals(1, flaggedAfterSending(api, 600));
    // and on the ingest node once it has reloaded its cities (a few hundred ms): readings are sent until one is flagged
    Poll.until(() -> flaggedAfterSending(ingest, 600), 1);
    // the sensor's own range is tighter than the city's
    assertEquals(1, flaggedAfterSending(api, "aq-coblong-09", 400));
    assertEquals(0, flaggedAfterSending(api, "aq-coblong-01", 400));

    // back to the file's ranges: 600 counts again
    JsonObject cleared = body(send("DELETE", null));
    assertEquals("city file", cleared.getString("source"));
    assertEquals(0, flaggedAfterSending(api, 600));
  }

  @Test
  void aBadRangeIsRefusedWithA400NamingItAndChangesNothing() throws Exception {
    assertRefused("{\"plausibility\": {\"pm25\": {\"min\": 50, \"max\": 10}}}", "plausibility.pm25");
    assertRefused("{\"plausibility\": {\"pm25\": {\"min\": 10, \"max\": 10}}}", "must be below max");
    assertRefused("{\"plausibility\": {\"pm25\": {\"min\": 0, \"max\": 1e400}}}", "finite");
    assertRefused("{\"plausibility\": {\"pm25\": {\"min\": 0, \"max\": \"lots\"}}}", "must be a number");
    assertRefused("{\"plausibility\": {\"pm25\": {\"min\": 0, \"maks\": 10}}}", "a range has only min and max");
    assertRefused("{\"plausibility\": {\"pm2.5\": {\"max\": 10}}}", "not in the metric catalogue");
    assertRefused("{\"sensorPlausibility\": {\"wl-cikapundung-01\": {\"water_level_cm\": {\"min\": 0, \"max\": 200}}}}",
        "siaga levels");
    assertRefused("{\"sensorPlausibility\": {\"a b\": {\"pm25\": {\"max\": 10}}}}", "sensor id");
    assertRefused("{\"ranges\": {}}", "only plausibility and sensorPlausibility");
    assertRefused("[1, 2]", "JSON object");
    assertEquals("city file", body(send("GET", null)).getString("source"), "nothing was stored");
    assertEquals(0, flaggedAfterSending(api, 600));
  }

  private static void assertRefused(String body, String because) throws Exception {
    HttpResponse<String> r = send("PUT", body);
    assertEquals(400, r.statusCode(), body + " -> " + r.body());
    assertTrue(r.body().contains(because), body + " -> " + r.body());
  }

  private static int flaggedAfterSending(TestServer node, double pm25) throws Exception {
    return flaggedAfterSending(node, "aq-coblong-01", pm25);
  }

  /** Sends one pm25 reading through {@code node} and tells whether it was stored flagged (1) or not (0). */
  private static int flaggedAfterSending(TestServer node, String sensor, double pm25) throws Exception {
    long seq = SEQ.incrementAndGet();
    long ts = System.currentTimeMillis() - 60_000 + seq; // a distinct timestamp per reading
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(node.mqttPort(), GW, SECRET)) {
      assertEquals(0, gw.publishAndAwaitReason(TOPIC, Payloads.json("{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":"
          + seq + ",\"readings\":[{\"sensor\":\"" + sensor + "\",\"metric\":\"pm25\",\"ts\":" + ts + ",\"value\":" + pm25
          + "}]}")));
    }
    return (int) api.number("SELECT count(*) FROM reading WHERE flag IS NOT NULL"
        + " AND (extract(epoch FROM ts) * 1000)::bigint = ?", ts);
  }

  private static HttpResponse<String> send(String method, String body) throws Exception {
    return Http.send(api.httpPort(), method, "/api/v1/admin/plausibility?city=bandung", ADMIN, body);
  }

  private static JsonObject body(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
