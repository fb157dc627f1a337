package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rapor of a real server: complaints sent as gateways send them (late, out of order,
 * reopened, over the 2026 Lebaran joint-leave days), alerts raised by the rules and acknowledged
 * by an operator, instructions delivered; read as JSON, as CSV, and traced to their items.
 */
class RaporIT extends ServerIT {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String SUKAJADI = "bandung.sukajadi.t1";

  /**
   * Hides ServerIT's: March 2026's complaints are older than the default raw-data retention (90
   * days), which ingest applies to complaint events too.
   */
  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start(Map.of("retention.raw", "400d"));
  }

  @Test
  void marchComplaintsScoreAsComputedByHand() throws Exception {
    sendMarchComplaints();

    JsonObject r = get("/api/v1/rapor?period=2026-03");
    assertEquals("2026-03", r.getJsonObject("period").getString("label"));
    assertEquals("2026-02-28T17:00:00Z", r.getJsonObject("period").getString("from"));
    assertEquals("2026-02", r.getJsonObject("previous").getString("label"));
    assertEquals(30, r.getJsonArray("kecamatan").size(), "every kecamatan of Bandung");
    JsonObject coblong = figures(r, "coblong");
    // value, previous, change
    assertFigure(coblong, "complaints_received", 3L, 1L, 2L);
    assertFigure(coblong, "complaints_resolved", 4L, 0L, 4L);
    assertFigure(coblong, "verification_met_pct", 100.0, 100.0, 0.0);
    assertFigure(coblong, "followup_met_pct", 33.33, 100.0, -66.67);
    assertFigure(coblong, "followup_met_pct:sampah", 50.0, 100.0, -50.0);
    assertFigure(coblong, "followup_met_pct:banjir", 0.0, null, null);
    assertFigure(coblong, "resolve_hours_median", 228.0, null, null);
    assertFigure(coblong, "resolve_hours_p90", 328.8, null, null);
    assertFigure(coblong, "backlog_start", 1L, 0L, 1L);
    assertFigure(coblong, "backlog_end", 0L, 1L, -1L);
    assertEquals(1, coblong.getJsonObject("verification_met_pct").getInteger("rank"));
    assertEquals(1, coblong.getJsonObject("followup_met_pct").getInteger("rank"));
    JsonObject sukajadi = figures(r, "sukajadi");
    assertFigure(sukajadi, "verification_met_pct", 0.0, null, null);
    assertFigure(sukajadi, "followup_met_pct", 0.0, null, null);
    assertFigure(sukajadi, "backlog_end", 1L, 0L, 1L);
    assertEquals(2, sukajadi.getJsonObject("verification_met_pct").getInteger("rank"));
    assertEquals(2, sukajadi.getJsonObject("followup_met_pct").getInteger("rank"));
    assertNull(figures(r, "andir").getJsonObject("verification_met_pct").getInteger("rank"), "nothing to judge");
    assertEquals(1, figures(r, "andir").getJsonObject("backlog_end").getInteger("rank"));
    JsonObject total = r.getJsonObject("total").getJsonObject("figures");
    assertFigure(total, "complaints_received", 4L, 1L, 3L);
    assertFigure(total, "verification_met_pct", 75.0, 100.0, -25.0);
    assertFigure(total, "followup_met_pct", 25.0, 100.0, -75.0);

    // each figure links to what is behind it
    String link = coblong.getJsonObject("followup_met_pct").getString("items");
    assertEquals("/api/v1/rapor/items?city=bandung&period=2026-03&kecamatan=coblong&figure=followup_met_pct", link);
    JsonObject items = get(link);
    assertEquals("complaint", items.getString("source"));
    assertEquals(List.of("C1 true", "C2 false", "C3 false"), items.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("id") + " " + ((JsonObject) o).getBoolean("met")).toList());
    JsonObject times = get(coblong.getJsonObject("resolve_hours_median").getString("items"));
    assertEquals(List.of("C1 312.0", "C2 336.0", "C3 8.0", "C4 144.0"), times.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("id") + " " + ((JsonObject) o).getDouble("hours")).toList());
    assertEquals(List.of("C4"), get(coblong.getJsonObject("backlog_start").getString("items")).getJsonArray("items")
        .stream().map(o -> ((JsonObject) o).getString("id")).toList());

    // one kecamatan only: its figures, and the city's total to compare with
    JsonObject one = get("/api/v1/rapor?period=2026-03&kecamatan=sukajadi");
    assertEquals(1, one.getJsonArray("kecamatan").size());
    assertEquals(4, one.getJsonObject("total").getJsonObject("figures").getJsonObject("complaints_received").getInteger("value"));
  }

  @Test
  void theSameRaporAsCsvOneRowPerKecamatanPerFigure() throws Exception {
    sendMarchComplaints();
    HttpResponse<String> byFormat = send("/api/v1/rapor?period=2026-03&format=csv", null);
    HttpResponse<String> byAccept = send("/api/v1/rapor?period=2026-03", "text/csv");
    assertEquals(200, byFormat.statusCode(), byFormat.body());
    assertTrue(byFormat.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
    assertEquals(byFormat.body(), byAccept.body());
    List<String> lines = byFormat.body().lines().toList();
    assertEquals("city,period,previous_period,scope,kecamatan,kecamatan_name,figure,unit,value,previous,change,rank,items",
        lines.get(0));
    assertTrue(lines.contains("bandung,2026-03,2026-02,kecamatan,coblong,Coblong,followup_met_pct,percent,33.33,100.0,-66.67,1,"
        + "/api/v1/rapor/items?city=bandung&period=2026-03&kecamatan=coblong&figure=followup_met_pct"), lines.toString());
    assertTrue(lines.contains("bandung,2026-03,2026-02,city,,Kota Bandung,complaints_received,count,4,1,3,,"
        + "/api/v1/rapor/items?city=bandung&period=2026-03&figure=complaints_received"), lines.toString());
    long coblongRows = lines.stream().filter(l -> l.contains(",kecamatan,coblong,")).count();
    long cityRows = lines.stream().filter(l -> l.contains(",city,,")).count();
    assertEquals(coblongRows, cityRows, "the same figures for a kecamatan and the city");
    assertEquals(1 + 31 * cityRows, lines.size(), "a header, then 30 kecamatan and the city");
  }

  @Test
  void alertsInstructionsAirAndRiverOfToday() throws Exception {
    LocalDate today = LocalDate.now(WIB);
    String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      assertEquals(1, gw.subscribe("pantau/v1/bandung/coblong/alerts"));
      // pm25 above Bandung's 150 opens a threshold alert in coblong; its day is Sangat Tidak Sehat (ISPU 210)
      String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"aq-coblong-01\","
          + "\"metric\":\"pm25\",\"ts\":" + (System.currentTimeMillis() - 1000) + ",\"value\":160},"
          // and the Cikapundung at coblong past siaga 2 (200 cm)
          + "{\"sensor\":\"wl-cikapundung-01\",\"metric\":\"water_level_cm\",\"ts\":" + (System.currentTimeMillis() - 1000)
          + ",\"value\":210}]}";
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(batch)));
      Poll.until(() -> server.number("SELECT count(*) FROM alert WHERE rule = 'threshold'"), 1L);
      long alertId = server.number("SELECT id FROM alert WHERE rule = 'threshold'");
      HttpResponse<String> ack = Http.send(server.httpPort(), "POST", "/api/v1/alerts/" + alertId + "/acknowledge",
          server.operatorToken(), "");
      assertEquals(200, ack.statusCode(), ack.body());
      HttpResponse<String> sent = Http.send(server.httpPort(), "POST", "/api/v1/kecamatan/coblong/instructions",
          server.operatorToken(), "{\"text\": \"Periksa sensor udara di Dago\"}");
      assertEquals(202, sent.statusCode(), sent.body());

      Poll.until(() -> figures(get("/api/v1/rapor?" + range), "coblong").getJsonObject("instructions_delivered")
          .getInteger("value"), 1);
      JsonObject coblong = figures(get("/api/v1/rapor?" + range), "coblong");
      assertEquals(1, coblong.getJsonObject("instructions_sent").getInteger("value"));
      assertEquals(1, coblong.getJsonObject("alerts_opened:threshold").getInteger("value"));
      // the same reading may raise coblong's ISPU alert too, unacknowledged: one of the opened was acknowledged
      assertEquals(1, coblong.getJsonObject("alerts_opened").getLong("value")
          - coblong.getJsonObject("alerts_unacknowledged").getLong("value"));
      assertNotNull(coblong.getJsonObject("ack_minutes_median").getDouble("value"));
      JsonObject items = get(coblong.getJsonObject("alerts_opened:threshold").getString("items"));
      assertEquals("alert", items.getString("source"));
      assertEquals(String.valueOf(alertId), items.getJsonArray("items").getJsonObject(0).getString("id"));
      JsonObject acked = get(coblong.getJsonObject("ack_minutes_median").getString("items"));
      assertEquals(String.valueOf(alertId), acked.getJsonArray("items").getJsonObject(0).getString("id"));
      assertTrue(acked.getJsonArray("items").getJsonObject(0).getDouble("minutes") >= 0);

      // from the minute rollups: the day's ISPU category and the hour at siaga 2
      assertEquals(1, coblong.getJsonObject("ispu_days").getInteger("value"));
      assertEquals(1, coblong.getJsonObject("ispu_days:sangat_tidak_sehat").getInteger("value"));
      assertEquals(1, coblong.getJsonObject("ispu_unhealthy_days").getInteger("value"));
      JsonObject day = get(coblong.getJsonObject("ispu_days").getString("items")).getJsonArray("items").getJsonObject(0);
      assertEquals(today.toString(), day.getString("id"));
      assertEquals(210.0, day.getDouble("ispu"));
      assertEquals(1.0, coblong.getJsonObject("siaga_hours:siaga_2").getDouble("value"));
      assertEquals(0.0, coblong.getJsonObject("siaga_hours:siaga_1").getDouble("value"));
      assertNull(figures(get("/api/v1/rapor?" + range), "sukajadi").getJsonObject("siaga_hours").getValue("value"),
          "sukajadi has no river gauge");
    }
  }

  /**
   * A gateway of andir publishes a day's pm25 (one reading every 10 minutes of yesterday) over MQTT
   * in four batches. The batches were stored now; the stretch they stand for is yesterday, so their
   * stored times are moved there (two in the slot of 10:00, one at 10:05, one at 23:55: three of the
   * day's 288 five-minute slots) and the gateway and sensor dated from yesterday's midnight.
   */
  @Test
  void gatewayUptimeAndDataCompletenessOfYesterday() throws Exception {
    String up = "bandung.andir.up1";
    server.gateway(up, "bandung", "andir", "pw-a");
    LocalDate yesterday = LocalDate.now(WIB).minusDays(1);
    java.time.Instant midnight = yesterday.atStartOfDay(WIB).toInstant();
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), up, "pw-a")) {
      for (int b = 0; b < 4; b++) {
        List<String> readings = new java.util.ArrayList<>();
        for (int i = 0; i < 36; i++) {
          readings.add("{\"sensor\":\"aq-andir-up1\",\"metric\":\"pm25\",\"ts\":"
              + midnight.plusSeconds(600L * (b * 36 + i)).toEpochMilli() + ",\"value\":20}");
        }
        accepted(gw, Payloads.topic("bandung", "andir", "telemetry"), Payloads.json("{\"gateway\":\"" + up
            + "\",\"boot\":3,\"seq\":" + (b + 1) + ",\"readings\":[" + String.join(",", readings) + "]}"));
      }
    }
    String[] storedAt = {"10:00:10", "10:04:50", "10:05:00", "23:55:30"};
    for (int b = 0; b < 4; b++) {
      server.execute("UPDATE ingest_batch SET stored_at = '" + yesterday.atTime(LocalTime.parse(storedAt[b])).atZone(WIB)
          .toInstant() + "' WHERE gateway_id = '" + up + "' AND seq = " + (b + 1));
    }
    server.execute("UPDATE gateway SET created_at = '" + midnight + "' WHERE id = '" + up + "'");
    server.execute("UPDATE sensor SET first_seen = '" + midnight + "' WHERE external_id = 'aq-andir-up1'");

    String day = "/api/v1/rapor?period=" + yesterday;
    // 144 of the 1440 readings a 60-second cadence expects of a day
    Poll.until(() -> figures(get(day), "andir").getJsonObject("data_completeness_pct").getValue("value"), 10.0);
    JsonObject rapor = get(day);
    JsonObject andir = figures(rapor, "andir");
    // 3 of 288 slots; the day before, the gateway and its sensor did not exist yet
    assertFigure(andir, "gateway_uptime_pct", 1.04, null, null);
    assertFigure(andir, "data_completeness_pct", 10.0, null, null);
    assertEquals(1, andir.getJsonObject("gateway_uptime_pct").getInteger("rank"));
    // the other gateways of this server were created today: the only one expected yesterday is andir's
    assertEquals(1.04, rapor.getJsonObject("total").getJsonObject("figures").getJsonObject("gateway_uptime_pct")
        .getDouble("value"));
    JsonObject gateways = get(andir.getJsonObject("gateway_uptime_pct").getString("items"));
    assertEquals("gateway", gateways.getString("source"));
    assertEquals(new JsonObject().put("id", up).put("percent", 1.04), gateways.getJsonArray("items").getJsonObject(0));
    JsonObject sensors = get(andir.getJsonObject("data_completeness_pct").getString("items"));
    assertEquals("sensor", sensors.getString("source"));
    assertEquals(new JsonObject().put("id", "aq-andir-up1/pm25").put("expected", 1440.0),
        sensors.getJsonArray("items").getJsonObject(0));
    HttpResponse<String> csv = send(day + "&format=csv", null);
    assertTrue(csv.body().lines().anyMatch(l -> l.contains("andir") && l.contains("gateway_uptime_pct")
        && l.contains("1.04")), csv.body());
  }

  @Test
  void badRequestsAreRefusedSayingWhatIsWrong() throws Exception {
    assertRefused("/api/v1/rapor?period=2026-13", "period", "not a month");
    assertRefused("/api/v1/rapor?period=2026-W54", "period", "ISO weeks 1 to 53");
    assertRefused("/api/v1/rapor?period=last-month", "period", "2026-W47");
    assertRefused("/api/v1/rapor", "period", "period is required");
    assertRefused("/api/v1/rapor?from=2026-11-01", "from", "period is required");
    assertRefused("/api/v1/rapor?from=2026-11-10&to=2026-11-01", "from", "before it starts");
    assertRefused("/api/v1/rapor?period=2026-11&kecamatan=atlantis", "kecamatan", "not in bandung");
    assertRefused("/api/v1/rapor?period=2026-11&format=xml", "format", "json or csv");
    assertRefused("/api/v1/rapor/items?period=2026-11", "figure", "figure is required");
    assertRefused("/api/v1/rapor/items?period=2026-11&figure=happiness", "figure", "not one of the rapor's figures");
    assertEquals(404, send("/api/v1/rapor?period=2026-11&city=atlantis", null).statusCode());
  }

  private static void assertRefused(String path, String parameter, String says) throws Exception {
    HttpResponse<String> r = send(path, null);
    assertEquals(400, r.statusCode(), path + ": " + r.body());
    JsonObject body = new JsonObject(r.body());
    assertEquals(parameter, body.getString("parameter"), r.body());
    assertTrue(body.getString("error").contains(says), r.body());
  }

  /** The complaints of RaporCalculatorTest's fixture that a server can still be told about now. */
  private void sendMarchComplaints() throws Exception {
    server.gateway(SUKAJADI, "bandung", "sukajadi", "pw-s");
    try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
         Mqtt5Gateway sukajadi = Mqtt5Gateway.connect(server.mqttPort(), SUKAJADI, "pw-s")) {
      String topic = Payloads.topic("bandung", "coblong", "complaints");
      // C1: received on Tuesday 17 March, before Lebaran's holidays and joint-leave days
      accepted(coblong, topic, batch(GW, 1,
          created("C1", "2026-03-17T10:00", "sampah"), event("C1", "dispatched", "2026-03-27T09:00"),
          event("C1", "resolved", "2026-03-30T10:00")));
      // C2: its last events first, its creation later, an early resolution last of all
      accepted(coblong, topic, batch(GW, 2,
          event("C2", "resolved", "2026-03-16T08:00"), event("C2", "reopened", "2026-03-06T08:00")));
      accepted(coblong, topic, batch(GW, 3,
          created("C2", "2026-03-02T08:00", "sampah"), event("C2", "dispatched", "2026-03-03T08:00")));
      accepted(coblong, topic, batch(GW, 4, event("C2", "resolved", "2026-03-04T08:00")));
      accepted(coblong, topic, batch(GW, 5,
          created("C3", "2026-03-07T20:00", "banjir"), event("C3", "dispatched", "2026-03-07T21:00"),
          event("C3", "resolved", "2026-03-08T04:00"),
          created("C4", "2026-02-27T15:00", "sampah"), event("C4", "dispatched", "2026-03-02T09:00"),
          event("C4", "resolved", "2026-03-05T15:00")));
      accepted(sukajadi, Payloads.topic("bandung", "sukajadi", "complaints"),
          batch(SUKAJADI, 1, created("S2", "2026-03-09T10:00", "sampah"), event("S2", "dispatched", "2026-03-16T10:00")));
    }
  }

  private static void accepted(Mqtt5Gateway gw, String topic, byte[] batch) throws Exception {
    Mqtt5Gateway.Puback ack = gw.publishAndAwait(topic, batch);
    assertEquals(0, ack.code(), ack.reason());
  }

  private static byte[] batch(String gateway, long seq, String... events) {
    return Payloads.json("{\"gateway\":\"" + gateway + "\",\"boot\":7,\"seq\":" + seq + ",\"events\":["
        + String.join(",", events) + "]}");
  }

  private static String created(String id, String wib, String category) {
    return "{\"id\":\"" + id + "\",\"event\":\"created\",\"ts\":" + millis(wib) + ",\"category\":\"" + category
        + "\",\"kelurahan\":\"dago\",\"lat\":-6.8853,\"lon\":107.6133,\"channel\":\"lapor\",\"priority\":\"normal\"}";
  }

  private static String event(String id, String event, String wib) {
    return "{\"id\":\"" + id + "\",\"event\":\"" + event + "\",\"ts\":" + millis(wib) + "}";
  }

  private static long millis(String wib) {
    return LocalDateTime.parse(wib).atZone(WIB).toInstant().toEpochMilli();
  }

  private static JsonObject figures(JsonObject rapor, String kecamatan) {
    return rapor.getJsonArray("kecamatan").stream().map(o -> (JsonObject) o)
        .filter(k -> k.getString("slug").equals(kecamatan)).findFirst().orElseThrow().getJsonObject("figures");
  }

  private static void assertFigure(JsonObject figures, String id, Object value, Object previous, Object change) {
    JsonObject f = figures.getJsonObject(id);
    assertNotNull(f, id);
    assertEquals(value == null ? null : value.toString(), str(f.getValue("value")), id + " value");
    assertEquals(previous == null ? null : previous.toString(), str(f.getValue("previous")), id + " previous");
    assertEquals(change == null ? null : change.toString(), str(f.getValue("change")), id + " change");
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = send(path, null);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> send(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
