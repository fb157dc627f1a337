package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import id.pantau.dashboard.kpi.AirQualityIndex;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import id.pantau.wire.Metric;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's {@code 1e308}: a reading no sensor can measure is acknowledged and stored, flagged,
 * and counts for nothing. Before, one such pm25 reading made Coblong's ISPU 500 "Berbahaya" with
 * a danger alert, and a second one in the same minute overflowed the rollup's sum, so PostgreSQL
 * refused its whole batch (PUBACK 0x83) and the batch's valid readings were lost with it.
 */
class ImplausibleReadingsIT extends ServerIT {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String TOPIC = Payloads.topic("bandung", "coblong", "telemetry");

  @Test
  void implausibleReadingsAreAcknowledgedAndStoredFlaggedAndReachNoRollupLatestValueKpiOrAlert() throws Exception {
    long minute = (System.currentTimeMillis() - 120_000) / 60_000 * 60_000;
    try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      // given a batch with a pm25 of 1e308 between valid readings of the same and other sensors
      assertEquals(0, gateway.publishAndAwaitReason(TOPIC, batch(1,
          reading("aq-coblong-09", "pm25", minute + 1_000, "30"),
          reading("aq-coblong-09", "pm25", minute + 2_000, "1e308"),
          reading("aq-coblong-01", "pm25", minute + 2_000, "50"))), "PUBACK success");
      // when a second batch brings another 1e308 in the same minute, and a level beyond its gauge's span
      assertEquals(0, gateway.publishAndAwaitReason(TOPIC, batch(2,
          reading("aq-coblong-09", "pm25", minute + 3_000, "1e308"),
          reading("aq-coblong-01", "pm25", minute + 3_000, "70"),
          reading("aq-coblong-09", "pm10", minute + 3_000, "60"),
          reading("wl-cikapundung-01", "water_level_cm", minute + 3_000, "210"),
          reading("wl-cikapundung-01", "water_level_cm", minute + 4_000, "900"))), "PUBACK success, no overflow");
    }

    // then every reading is stored, the implausible ones flagged with their raw value
    assertEquals(8, server.number("SELECT count(*) FROM reading"));
    assertEquals(2, server.number("SELECT count(*) FROM reading WHERE flag = 1 AND value = 1e308"));
    assertEquals(1, server.number("SELECT count(*) FROM reading WHERE flag = 1 AND value = 900"));
    assertEquals(5, server.number("SELECT count(*) FROM reading WHERE flag IS NULL"));
    assertEquals(3L, get("/api/v1/health").getJsonObject("ingest").getLong("flaggedReadings"), "flagged readings counted");
    // and counted per kecamatan for the quality view
    assertEquals("pm25=2,water_level_cm=1", server.text("""
        SELECT string_agg(m.name || '=' || f.count, ',' ORDER BY m.name) FROM reading_flagged_1h f
        JOIN kecamatan k ON k.id = f.kecamatan_id JOIN metric m ON m.id = f.metric_id WHERE k.slug = 'coblong'"""));
    // and the rollups and latest values hold only the valid ones
    assertEquals("3 150 30 70", server.text("""
        SELECT r.count || ' ' || r.sum || ' ' || r.min || ' ' || r.max FROM rollup_1m r
        JOIN metric m ON m.id = r.metric_id WHERE m.name = 'pm25'"""));
    assertEquals(30, latest("aq-coblong-09", "pm25"));
    assertEquals(210, latest("wl-cikapundung-01", "water_level_cm"));

    // the gauge's valid level opens its siaga 2 alert: the alert rules have run over all of it
    Poll.until(() -> activeAlerts().size(), 1);
    JsonObject flood = activeAlerts().get(0);
    assertEquals("flood", flood.getString("rule"));
    assertEquals("warning", flood.getString("severity"), "siaga 2 from 210 cm, not siaga 1 from the flagged 900");
    assertEquals(210.0, flood.getDouble("value"));
    // and ISPU follows the valid pm25 mean of 50: Sedang, no alert; nothing opened from 1e308
    JsonObject coblong = get("/api/v1/air").getJsonObject("kecamatan").getJsonObject("coblong");
    assertEquals(AirQualityIndex.index(Metric.PM25, 50), coblong.getInteger("ispu"), coblong.encode());
    assertEquals("Sedang", coblong.getString("category"));
    assertNotEquals("Berbahaya", coblong.getString("category"));
    assertFalse(get("/api/v1/alerts/history").encode().contains("aq-coblong-09"), "no alert names the faulty sensor");
  }

  private static double latest(String sensor, String metric) throws Exception {
    return Double.parseDouble(server.text("""
        SELECT lv.value FROM latest_value lv JOIN sensor s ON s.id = lv.sensor_id JOIN metric m ON m.id = lv.metric_id
        WHERE s.external_id = ? AND m.name = ?""", sensor, metric));
  }

  private static List<JsonObject> activeAlerts() throws Exception {
    JsonArray active = get("/api/v1/alerts").getJsonArray("active");
    return active.stream().map(o -> (JsonObject) o).toList();
  }

  private static byte[] batch(long seq, String... readings) {
    return Payloads.json("{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":" + seq + ",\"readings\":["
        + String.join(",", readings) + "]}");
  }

  private static String reading(String sensor, String metric, long ts, String value) {
    return "{\"sensor\":\"" + sensor + "\",\"metric\":\"" + metric + "\",\"ts\":" + ts + ",\"value\":" + value + "}";
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
