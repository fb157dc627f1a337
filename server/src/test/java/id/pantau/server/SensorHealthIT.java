package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.kpi.AirQualityIndex;
import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import id.pantau.wire.Metric;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's sensor health against the real server: a gateway publishes over MQTT a stuck air
 * sensor, a river gauge jumping faster than a river can, and a sensor that falls silent while the
 * gateway goes on. Each is found (state, reason, since, in the sensors API and the quality view),
 * raises a maintenance alert and no hazard alert, is kept out of ISPU and siaga, is silenced by
 * the maintenance API, and clears when it recovers. The detectors' windows are shortened so the
 * test runs in seconds; the faults are in the readings' own timestamps, not in waiting.
 */
class SensorHealthIT {
  private static final String GW = "bandung.coblong.t1";
  private static final String GW_SUKAJADI = "bandung.sukajadi.t1";
  private static final String SECRET = "secret-1";
  private static final String COBLONG = Payloads.topic("bandung", "coblong", "telemetry");
  private static final String SUKAJADI = Payloads.topic("bandung", "sukajadi", "telemetry");
  private static final Set<String> HAZARD_RULES = Set.of("flood", "ispu", "threshold");
  private static TestServer server;
  private long seq;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("sensorHealth.window", "30m", "sensorHealth.stuckReadings", 5,
        "sensorHealth.stuckFor", "4m", "sensorHealth.spikeSettleReadings", 3, "sensorHealth.silentMin", "2s"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void emptyTables() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", SECRET);
    server.gateway(GW_SUKAJADI, "bandung", "sukajadi", SECRET);
  }

  @Test
  void stuckSpikingAndSilentSensorsRaiseMaintenanceAlertsNoHazardAndClearWhenTheyRecover() throws Exception {
    long now = System.currentTimeMillis();
    long minute = 60_000;
    try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      // given a stuck pm25 sensor (42 for 6 minutes) beside a working one, and a gauge jumping 3 m in
      // a minute (to siaga 1)
      List<String> readings = new ArrayList<>();
      for (int i = 6; i >= 0; i--) {
        readings.add(reading("aq-coblong-s1", "pm25", now - i * minute, 42));
        readings.add(reading("aq-coblong-g1", "pm25", now - i * minute, 30 + i));
      }
      readings.add(reading("wl-cikapundung-01", "water_level_cm", now - 3 * minute, 100));
      readings.add(reading("wl-cikapundung-01", "water_level_cm", now - 2 * minute, 101));
      readings.add(reading("wl-cikapundung-01", "water_level_cm", now - minute, 400));
      publish(gateway, COBLONG, readings);

      // then the stuck sensor is suspect since its first 42, the gauge suspect from its jump
      Poll.until(() -> state("aq-coblong-s1"), "suspect/stuck");
      Poll.until(() -> state("wl-cikapundung-01"), "suspect/spike");
      JsonObject stuck = sensor("aq-coblong-s1");
      assertEquals(Instant.ofEpochMilli(now - 6 * minute).toString(), stuck.getString("since"), stuck.encode());
      assertTrue(stuck.getLong("lastReadingAgeSeconds") >= 0, stuck.encode());
      // and each raises a maintenance alert, none a hazard one: no siaga 1 from 400 cm, no ISPU from 42
      Poll.until(() -> activeAlerts(), Set.of("sensor_health/aq-coblong-s1/maintenance",
          "sensor_health/wl-cikapundung-01/maintenance"));
      JsonObject flood = gauge("wl-cikapundung-01");
      assertEquals("no_data", flood.getString("status"), flood.encode());
      assertTrue(flood.getBoolean("untrusted"), flood.encode());
      // ISPU from the working sensor alone (mean of 30..36 = 33), the stuck one's 42s left out
      JsonObject air = get("/api/v1/air").getJsonObject("kecamatan").getJsonObject("coblong");
      assertEquals(AirQualityIndex.index(Metric.PM25, 33), air.getInteger("ispu"), air.encode());
      JsonObject quality = get("/api/v1/quality").getJsonObject("kecamatan").getJsonObject("coblong");
      assertEquals(2, quality.getJsonObject("sensors").getInteger("suspect"), quality.encode());

      // when an operator puts the gauge in maintenance, its alert clears and it raises nothing
      HttpResponse<String> put = Http.send(server.httpPort(), "PUT",
          "/api/v1/kecamatan/coblong/sensors/wl-cikapundung-01/maintenance", server.operatorToken(),
          "{\"note\": \"radar cleaned\"}");
      assertEquals(200, put.statusCode(), put.body());
      assertEquals("maintenance/maintenance", state("wl-cikapundung-01"), "shown at once");
      assertEquals("radar cleaned", sensor("wl-cikapundung-01").getJsonObject("maintenance").getString("note"));
      Poll.until(() -> activeAlerts(), Set.of("sensor_health/aq-coblong-s1/maintenance"));
      assertEquals(403, Http.send(server.httpPort(), "DELETE",
          "/api/v1/kecamatan/coblong/sensors/wl-cikapundung-01/maintenance", server.token("screen"), null).statusCode());
      assertEquals(404, Http.send(server.httpPort(), "PUT",
          "/api/v1/kecamatan/sukajadi/sensors/wl-cikapundung-01/maintenance", server.operatorToken(), null).statusCode(),
          "a sensor is put in maintenance in its own kecamatan only");

      // when the stuck sensor moves again, it is ok and its alert clears
      publish(gateway, COBLONG, List.of(reading("aq-coblong-s1", "pm25", now + 1_000, 43)));
      Poll.until(() -> state("aq-coblong-s1"), "ok/null");
      Poll.until(() -> activeAlerts(), Set.of());

      // when a sensor reporting every second stops while the gateway goes on, it is silent and raises an alert
      long t = System.currentTimeMillis();
      List<String> everySecond = new ArrayList<>();
      for (int i = 4; i >= 0; i--) {
        everySecond.add(reading("aq-coblong-q1", "temperature_c", t - i * 1_000, 24 + i / 100.0));
      }
      publish(gateway, COBLONG, everySecond);
      long[] sent = {0};
      Poll.until(() -> {
        if (System.currentTimeMillis() - sent[0] >= 500) {
          sent[0] = System.currentTimeMillis();
          publish(gateway, COBLONG, List.of(reading("aq-coblong-g1", "pm25", sent[0], 30 + sent[0] % 7)));
        }
        return state("aq-coblong-q1");
      }, "silent/silent");
      Poll.until(() -> activeAlerts(), Set.of("sensor_health/aq-coblong-q1/maintenance"));
      JsonObject coblong = get("/api/v1/quality").getJsonObject("kecamatan").getJsonObject("coblong");
      assertEquals(new JsonArray().add("aq-coblong-q1"), coblong.getJsonArray("silentSensors"), coblong.encode());

      // and when it reports again it is ok and the alert clears
      publish(gateway, COBLONG, List.of(reading("aq-coblong-q1", "temperature_c", System.currentTimeMillis(), 24.05)));
      Poll.until(() -> state("aq-coblong-q1"), "ok/null");
      Poll.until(() -> activeAlerts(), Set.of());
    }
    // no hazard alert was ever opened, and the maintenance alerts went down to the kecamatan
    JsonArray history = get("/api/v1/alerts/history").getJsonArray("alerts");
    for (Object o : history) {
      JsonObject a = (JsonObject) o;
      assertFalse(HAZARD_RULES.contains(a.getString("rule")), a.encode());
      assertEquals("maintenance", a.getString("severity"), a.encode());
    }
    assertEquals(3, history.size(), history.encode());
    assertTrue(server.number("SELECT count(*) FROM downlink_message WHERE payload LIKE '%sensor_health%'") >= 6,
        "each opening and clearing is sent down");
  }

  @Test
  void completenessCountsWhatWasSentAgainstWhatTheCadenceExpects() throws Exception {
    // given a sensor known for two days that sent 54 of the 60 minutes of the last complete hour,
    // one of them outside its plausible range, and one refused message
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(server.mqttPort(), GW_SUKAJADI, SECRET)) {
      List<String> readings = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        if (i % 10 != 3) {
          long ts = hour.plusSeconds(60L * i).toEpochMilli();
          readings.add(reading("aq-sukajadi-c1", "pm25", ts, i == 30 ? 5_000 : 20 + i % 5));
        }
      }
      publish(gateway, SUKAJADI, readings);
      gateway.publishAndAwaitReason(SUKAJADI, Payloads.json("{\"not\": \"a batch\"}"));
    }
    server.execute("UPDATE sensor SET first_seen = now() - interval '2 days' WHERE external_id = 'aq-sukajadi-c1'");

    // then that hour expects 60 (a reading a minute), received 54 (the flagged one arrived too): 90 %
    Poll.until(() -> hourOf("sukajadi", hour).encode(), new JsonObject().put("from", hour.toString())
        .put("to", hour.plus(Duration.ofHours(1)).toString()).put("expected", 60.0).put("received", 54)
        .put("percent", 90.0).encode());
    JsonObject sukajadi = get("/api/v1/quality").getJsonObject("kecamatan").getJsonObject("sukajadi");
    JsonObject day = sukajadi.getJsonObject("completeness").getJsonObject("day");
    assertEquals(54, day.getLong("received"), sukajadi.encode());
    assertEquals(1, sukajadi.getJsonObject("flagged").getLong("lastHour"), sukajadi.encode());
    assertEquals(1, sukajadi.getJsonObject("flagged").getLong("day"), sukajadi.encode());
    // the refused message arrived in the hour under way (or, past the hour, in the last complete one)
    JsonObject refused = sukajadi.getJsonObject("refused");
    assertEquals(1, refused.getLong("currentHour") + refused.getLong("lastHour"), sukajadi.encode());
    assertEquals(1, sukajadi.getJsonObject("sensors").getInteger("total"), sukajadi.encode());
  }

  private static JsonObject hourOf(String kecamatan, Instant hour) throws Exception {
    JsonArray hours = get("/api/v1/quality").getJsonObject("kecamatan").getJsonObject(kecamatan)
        .getJsonObject("completeness").getJsonArray("hours");
    for (Object o : hours) {
      if (((JsonObject) o).getString("from").equals(hour.toString())) {
        return (JsonObject) o;
      }
    }
    return new JsonObject();
  }

  private void publish(Mqtt5Gateway gateway, String topic, List<String> readings) throws Exception {
    String gw = topic.equals(COBLONG) ? GW : GW_SUKAJADI;
    byte[] batch = Payloads.json("{\"gateway\":\"" + gw + "\",\"boot\":1,\"seq\":" + (++seq) + ",\"readings\":["
        + String.join(",", readings) + "]}");
    assertEquals(0, gateway.publishAndAwaitReason(topic, batch), "PUBACK success");
  }

  private static String reading(String sensor, String metric, long ts, double value) {
    return "{\"sensor\":\"" + sensor + "\",\"metric\":\"" + metric + "\",\"ts\":" + ts + ",\"value\":" + value + "}";
  }

  /** "state/reason" of a sensor of Coblong as the sensors API shows it. */
  private static String state(String sensor) throws Exception {
    JsonObject s = sensor(sensor);
    return s.getString("state") + "/" + s.getString("reason");
  }

  private static JsonObject sensor(String sensor) throws Exception {
    for (Object o : get("/api/v1/kecamatan/coblong/sensors").getJsonArray("sensors")) {
      if (((JsonObject) o).getString("sensor").equals(sensor)) {
        return (JsonObject) o;
      }
    }
    return new JsonObject();
  }

  private static JsonObject gauge(String sensor) throws Exception {
    for (Object o : get("/api/v1/flood").getJsonArray("gauges")) {
      if (((JsonObject) o).getString("sensor").equals(sensor)) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no gauge " + sensor);
  }

  /** "rule/subject/severity" of every active alert. */
  private static Set<String> activeAlerts() throws Exception {
    return get("/api/v1/alerts").getJsonArray("active").stream().map(o -> (JsonObject) o)
        .map(a -> a.getString("rule") + "/" + a.getString("subject") + "/" + a.getString("severity"))
        .collect(Collectors.toSet());
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = Http.send(server.httpPort(), "GET", path, null, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
