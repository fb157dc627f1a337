package id.pantau.dashboard.kpi;

import static id.pantau.dashboard.TestCities.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.MinuteRollup;
import id.pantau.dashboard.readmodel.SensorValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KecamatanSnapshotTest {
  static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
  static final Instant MINUTE = Instant.parse("2026-11-20T08:59:00Z");

  @Test
  void eachKecamatanShowsTheNewestValueOfEachMetricAndItsLastMinute() {
    // given two pm25 sensors in coblong, newest first as the read model orders them
    List<SensorValue> latest = List.of(value("aq-2", "coblong", "pm25", 40, T.plusSeconds(30)),
        value("aq-1", "coblong", "pm25", 35, T), value("aq-1", "coblong", "temperature_c", 24, T));
    List<MinuteRollup> minutes = List.of(new MinuteRollup("coblong", "pm25", MINUTE, 4, 150, 30, 45),
        new MinuteRollup("coblong", "noise_db", MINUTE, 2, 120, 55, 65));

    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1), latest, minutes, List.of(),
        List.of());

    KecamatanSnapshot.KecamatanStatus coblong = snapshot.kecamatan().get(0);
    assertEquals("coblong", coblong.slug());
    assertEquals(List.of("pm25", "temperature_c", "noise_db"), List.copyOf(coblong.metrics().keySet()));
    assertEquals("aq-2", coblong.metrics().get("pm25").latest().sensor());
    assertEquals(37.5, coblong.metrics().get("pm25").lastMinute().mean());
    assertNull(coblong.metrics().get("temperature_c").lastMinute());
    assertNull(coblong.metrics().get("noise_db").latest());
    assertTrue(snapshot.kecamatan().get(1).metrics().isEmpty());
  }

  @Test
  void gatewaysGoToTheirKecamatanAndAnUnconfiguredKecamatanIsNotShown() {
    GatewayStatus coblong = new GatewayStatus("bandung.coblong.gw1", "coblong", true, T, 120L, null);
    GatewayStatus gone = new GatewayStatus("bandung.old.gw1", "old", false, T, null, "connection lost");

    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1),
        List.of(value("x", "old", "pm25", 1, T)), List.of(), List.of(), List.of(coblong, gone));

    assertEquals(List.of(coblong), snapshot.kecamatan().get(0).gateways());
    assertEquals(List.of(), snapshot.kecamatan().get(1).gateways());
    assertEquals(List.of("coblong", "sukajadi"), snapshot.kecamatan().stream()
        .map(KecamatanSnapshot.KecamatanStatus::slug).toList());
    assertTrue(snapshot.cityWide().isEmpty(), "an unconfigured kecamatan's value is not the city's");
  }

  @Test
  void cityWideTakesTheNewestValueAnywhereAndTheCitysLastMinute() {
    List<SensorValue> latest = List.of(value("aq-1", "coblong", "pm25", 35, T),
        value("aq-9", "sukajadi", "pm25", 80, T.plusSeconds(1)), value("t-9", "sukajadi", "temperature_c", 22, T));
    List<MinuteRollup> city = List.of(new MinuteRollup(null, "pm25", MINUTE, 10, 500, 20, 90),
        new MinuteRollup(null, "rainfall_mm", MINUTE, 1, 2, 2, 2));

    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1), latest, List.of(), city,
        List.of());

    assertEquals(List.of("pm25", "temperature_c", "rainfall_mm"), List.copyOf(snapshot.cityWide().keySet()));
    assertEquals("sukajadi", snapshot.cityWide().get("pm25").latest().kecamatan());
    assertEquals(50.0, snapshot.cityWide().get("pm25").lastMinute().mean());
    assertNull(snapshot.cityWide().get("rainfall_mm").latest());
  }

  @Test
  void onATieTheFirstKecamatanKeepsTheCityWideValue() {
    List<SensorValue> latest = List.of(value("aq-1", "coblong", "pm25", 35, T), value("aq-9", "sukajadi", "pm25", 80, T));

    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1), latest, List.of(), List.of(),
        List.of());

    assertEquals("aq-1", snapshot.cityWide().get("pm25").latest().sensor());
  }

  @Test
  void aFreshSnapshotHasNoStatusUntilItsTilesAreJudgedAndJudgingChangesNothingElse() {
    KecamatanSnapshot snapshot = KecamatanSnapshot.of(TestCities.refs("bandung", 1),
        List.of(value("aq-1", "coblong", "pm25", 35, T)), List.of(), List.of(), List.of());
    assertTrue(snapshot.status().isEmpty());

    KecamatanSnapshot judged = snapshot.withStatus(TileStatus.of(snapshot, null, null, null, null));

    assertEquals(snapshot.kecamatan(), judged.kecamatan());
    assertEquals(snapshot.cityWide(), judged.cityWide());
    assertEquals(List.of("coblong", "sukajadi"), List.copyOf(judged.status().keySet()));
    assertEquals(TileStatus.Level.NORMAL, judged.status().get("coblong").level(), "reporting, nothing to act on");
    assertEquals(TileStatus.Level.NO_DATA, judged.status().get("sukajadi").level());
  }
}
