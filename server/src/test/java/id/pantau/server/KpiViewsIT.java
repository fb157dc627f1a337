package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Indicators computed from what gateways published, as the screens read them. */
class KpiViewsIT extends ServerIT {

  @Test
  void airQualityShowsIspuOfThe24HourMean() throws Exception {
    long now = System.currentTimeMillis();
    // given PM2.5 readings averaging 55.4 µg/m³ (ISPU 100, Sedang) and PM10 averaging 50 (ISPU 50)
    publish("telemetry", "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":["
        + "{\"sensor\":\"aq-1\",\"metric\":\"pm25\",\"ts\":" + (now - 2000) + ",\"value\":50.4},"
        + "{\"sensor\":\"aq-1\",\"metric\":\"pm25\",\"ts\":" + (now - 1000) + ",\"value\":60.4},"
        + "{\"sensor\":\"aq-1\",\"metric\":\"pm10\",\"ts\":" + (now - 1000) + ",\"value\":50}]}");

    // then the coblong tile reads ISPU 100, Sedang, critical pollutant PM2.5
    Poll.until(() -> view("air").getJsonObject("kecamatan").getJsonObject("coblong", new JsonObject())
        .getInteger("ispu", -1), 100);
    JsonObject coblong = view("air").getJsonObject("kecamatan").getJsonObject("coblong");
    assertEquals("Sedang", coblong.getString("category"));
    assertEquals("pm25", coblong.getString("critical"));
    assertEquals(50, coblong.getJsonObject("pm10").getInteger("ispu"));
  }

  @Test
  void floodStatusFollowsTheGaugeThresholds() throws Exception {
    // given the configured gauge wl-cikapundung-01 (siaga 3 at 150, siaga 2 at 200, siaga 1 at 250 cm)
    publish("telemetry", "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":2,\"readings\":["
        + "{\"sensor\":\"wl-cikapundung-01\",\"metric\":\"water_level_cm\",\"ts\":" + System.currentTimeMillis()
        + ",\"value\":212}]}");

    // then it reads siaga 2, and gauges with no reading say so
    Poll.until(() -> gauge("wl-cikapundung-01").getString("status"), "siaga_2");
    assertEquals(212.0, gauge("wl-cikapundung-01").getDouble("levelCm"));
    assertEquals("no_data", gauge("wl-citepus-01").getString("status"));
  }

  @Test
  void complaintsShowOpenCountsTimeToResolveAndBreaches() throws Exception {
    long now = System.currentTimeMillis();
    // given a flood report open for 7 hours (target: 6 hours), a waste report resolved after 2 hours,
    // and a fresh road report
    publish("complaints", "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":3,\"events\":["
        + created("F1", now - 7 * 3_600_000L, "banjir") + "," + created("S1", now - 3 * 3_600_000L, "sampah") + ","
        + "{\"id\":\"S1\",\"event\":\"resolved\",\"ts\":" + (now - 3_600_000L) + "},"
        + created("J1", now - 60_000, "jalan_rusak") + ","
        // and a report nobody has looked at for 12 days: past verification (3 working days) and resolution (5)
        + created("V1", now - 12 * 86_400_000L, "lainnya") + "]}");

    // then
    Poll.until(() -> view("complaints").getLong("open"), 3L);
    JsonObject complaints = view("complaints");
    assertEquals(1, complaints.getJsonObject("openByKecamatan").getJsonObject("coblong").getLong("banjir"));
    assertEquals(1, complaints.getLong("newLastHour"));
    assertEquals(7200.0, complaints.getJsonObject("timeToResolve24h").getDouble("medianSeconds"), 1.0);
    JsonObject breaches = complaints.getJsonObject("breaches");
    assertEquals(2, breaches.getLong("count"));
    assertEquals("V1", breaches.getJsonArray("list").getJsonObject(0).getString("id"));
    assertEquals("F1", breaches.getJsonArray("list").getJsonObject(1).getString("id"));
    JsonObject unverified = complaints.getJsonObject("verificationBreaches");
    assertEquals(1, unverified.getLong("count"));
    assertEquals("V1", unverified.getJsonArray("list").getJsonObject(0).getString("id"));
  }

  @Test
  void ingestHealthShowsGatewaysAndRejections() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      assertEquals(0x99, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json("{")));
      Poll.until(() -> view("ingest").getLong("gatewaysOnline"), 1L);
      Poll.until(() -> view("ingest").getJsonObject("rejectedLastHour").getLong("payload_format_invalid", 0L), 1L);
    }
  }

  private static void publish(String kind, String json) throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", kind), Payloads.json(json)));
    }
  }

  private static String created(String id, long ts, String category) {
    return "{\"id\":\"" + id + "\",\"event\":\"created\",\"ts\":" + ts + ",\"category\":\"" + category + "\"}";
  }

  private static JsonObject gauge(String sensor) throws Exception {
    JsonArray gauges = view("flood").getJsonArray("gauges");
    for (int i = 0; i < gauges.size(); i++) {
      if (gauges.getJsonObject(i).getString("sensor").equals(sensor)) {
        return gauges.getJsonObject(i);
      }
    }
    throw new AssertionError("no gauge " + sensor);
  }

  private static JsonObject view(String name) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/" + name)).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() == 200, r.statusCode() + " " + r.body());
    return new JsonObject(r.body());
  }
}
