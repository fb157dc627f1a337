package id.pantau.dashboard.view;

import static id.pantau.dashboard.TestCities.CIKAPUNDUNG;
import static id.pantau.dashboard.TestCities.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.city.RiverGauge;
import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.kpi.AirQuality;
import id.pantau.dashboard.kpi.FloodStatus;
import id.pantau.dashboard.kpi.IngestStatus;
import id.pantau.dashboard.kpi.KecamatanSnapshot;
import id.pantau.dashboard.kpi.TileStatus;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.MinuteRollup;
import id.pantau.dashboard.readmodel.PollutantMean;
import id.pantau.dashboard.readmodel.ReasonCount;
import id.pantau.wire.Metric;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The views' JSON, key for key and in order, as the screens have always been served it (the
 * ETag hashes the bytes, so the order matters too).
 */
class ViewJsonTest {
  static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void floodGaugesWithAndWithoutData() {
    RiverGauge citepus = new RiverGauge("wl-citepus-01", "Citepus", "sukajadi", 100, 150, 200);
    FloodStatus flood = FloodStatus.of(List.of(CIKAPUNDUNG, citepus),
        List.of(value("wl-cikapundung-01", "coblong", "water_level_cm", 212, T)));

    assertEquals("{\"city\":\"bandung\",\"gauges\":[{\"sensor\":\"wl-cikapundung-01\",\"river\":\"Cikapundung\","
        + "\"kecamatan\":\"coblong\",\"thresholdsCm\":{\"siaga3\":150.0,\"siaga2\":200.0,\"siaga1\":250.0},"
        + "\"status\":\"siaga_2\",\"label\":\"Siaga 2\",\"levelCm\":212.0,\"ts\":\"2026-11-20T09:00:00Z\"},"
        + "{\"sensor\":\"wl-citepus-01\",\"river\":\"Citepus\",\"kecamatan\":\"sukajadi\",\"thresholdsCm\":"
        + "{\"siaga3\":100.0,\"siaga2\":150.0,\"siaga1\":200.0},\"status\":\"no_data\"}]}",
        FloodJson.of("bandung", flood).encode());
  }

  @Test
  void airPutsTheHeadlineAfterTheFirstPollutant() {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM10, 50, 1),
        new PollutantMean("coblong", Metric.PM25, 55.4, 2)));

    // the fixtures' means have data in every hour (enough for the index): hours follow each figure
    assertEquals("{\"city\":\"bandung\",\"kecamatan\":{\"coblong\":{\"pm10\":{\"mean24h\":50.0,\"readings\":1,"
        + "\"ispu\":50,\"hoursWithData\":24},\"ispu\":100,\"critical\":\"pm25\",\"category\":\"Sedang\",\"categoryEn\":\"Moderate\",\"colour\":\"blue\","
        + "\"insufficient\":false,\"hoursWithData\":24,\"hoursRequired\":18,"
        + "\"pm25\":{\"mean24h\":55.4,\"readings\":2,\"ispu\":100,\"hoursWithData\":24}}}}", AirJson.of("bandung", air).encode());
  }

  @Test
  void airWithTooFewHoursIsInsufficientWithoutIndexOrColour() {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 300, 120, 2, 24)));

    assertEquals("{\"city\":\"bandung\",\"kecamatan\":{\"coblong\":{\"pm25\":{\"mean24h\":300.0,\"readings\":120,"
        + "\"ispu\":340,\"hoursWithData\":2},\"ispu\":null,\"critical\":null,\"category\":null,\"categoryEn\":null,"
        + "\"colour\":null,\"insufficient\":true,\"hoursWithData\":2,\"hoursRequired\":18}}}", AirJson.of("bandung", air).encode());
  }

  @Test
  void kecamatanMetricsGatewaysAndCityWide() {
    GatewayStatus gw = new GatewayStatus("bandung.coblong.gw1", "coblong", false, null, null, "connection lost");
    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1),
        List.of(value("aq-1", "coblong", "pm25", 40, T)),
        List.of(new MinuteRollup("coblong", "pm25", T, 2, 80, 35, 45)),
        List.of(new MinuteRollup(null, "pm25", T, 2, 80, 35, 45)), List.of(gw));

    assertEquals("{\"city\":\"bandung\",\"cityWide\":{\"pm25\":{\"latest\":{\"value\":40.0,"
        + "\"ts\":\"2026-11-20T09:00:00Z\",\"sensor\":\"aq-1\",\"unit\":\"u\",\"kecamatan\":\"coblong\"},"
        + "\"lastMinute\":{\"minute\":\"2026-11-20T09:00:00Z\",\"count\":2,\"mean\":40.0,\"min\":35.0,\"max\":45.0}}},"
        + "\"kecamatan\":[{\"slug\":\"coblong\",\"name\":\"Coblong\",\"zone\":\"north\",\"metrics\":{\"pm25\":"
        + "{\"latest\":{\"value\":40.0,\"ts\":\"2026-11-20T09:00:00Z\",\"sensor\":\"aq-1\",\"unit\":\"u\"},"
        + "\"lastMinute\":{\"minute\":\"2026-11-20T09:00:00Z\",\"count\":2,\"mean\":40.0,\"min\":35.0,\"max\":45.0}}},"
        + "\"gateways\":[{\"id\":\"bandung.coblong.gw1\",\"online\":false,\"lastSeen\":null,\"lagMs\":null,"
        + "\"offlineReason\":\"connection lost\"}]},{\"slug\":\"sukajadi\",\"name\":\"Sukajadi\",\"zone\":\"north\","
        + "\"metrics\":{},\"gateways\":[]}]}", KecamatanJson.of("bandung", snapshot).encode());
  }

  @Test
  void eachKecamatanCarriesItsTileStatusAndWhatRaisedIt() {
    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1), List.of(), List.of(), List.of(),
        List.of());
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 60, 24),
        new PollutantMean("sukajadi", Metric.PM25, 40, 24)));

    JsonObject json = KecamatanJson.of("bandung", snapshot.withStatus(TileStatus.of(snapshot, air, null, null, null)));

    JsonObject coblong = json.getJsonArray("kecamatan").getJsonObject(0);
    assertEquals("watch", coblong.getString("status"));
    assertEquals("[{\"kind\":\"ispu\",\"level\":\"watch\"}]", coblong.getJsonArray("statusReasons").encode());
    assertEquals("normal", json.getJsonArray("kecamatan").getJsonObject(1).getString("status"), "Sedang is an ordinary day");
  }

  @Test
  void ingestCountsGatewaysAndRejections() {
    IngestStatus ingest = new IngestStatus(List.of(
        new GatewayStatus("gw1", "coblong", true, T, 120L, null),
        new GatewayStatus("gw2", "sukajadi", false, T, null, "keepalive")), 90, List.of(new ReasonCount("too_big", 2)));

    assertEquals("{\"city\":\"bandung\",\"gatewaysOnline\":1,\"gatewaysOffline\":1,"
        + "\"readingsPerSecondLastMinute\":1.5,\"rejectedLastHour\":{\"too_big\":2},\"gateways\":["
        + "{\"id\":\"gw1\",\"kecamatan\":\"coblong\",\"online\":true,\"lastSeen\":\"2026-11-20T09:00:00Z\","
        + "\"lagMs\":120,\"offlineReason\":null},{\"id\":\"gw2\",\"kecamatan\":\"sukajadi\",\"online\":false,"
        + "\"lastSeen\":\"2026-11-20T09:00:00Z\",\"lagMs\":null,\"offlineReason\":\"keepalive\"}]}",
        IngestJson.of("bandung", ingest).encode());
  }
}
