package id.pantau.dashboard.kpi;

import static id.pantau.dashboard.TestCities.CIKAPUNDUNG;
import static id.pantau.dashboard.TestCities.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import id.pantau.city.RiverGauge;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodStatusTest {
  static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
  static final RiverGauge CITARUM = new RiverGauge("wl-citarum-01", "Citarum", "sukajadi", 100, 200, 300);

  @Test
  void eachGaugeTakesItsSensorsLatestWaterLevelAndItsSiagaLevel() {
    FloodStatus flood = FloodStatus.of(List.of(CIKAPUNDUNG, CITARUM), List.of(
        value("wl-cikapundung-01", "coblong", "water_level_cm", 210, T),
        value("wl-citarum-01", "sukajadi", "water_level_cm", 99.5, T.plusSeconds(5))));

    FloodStatus.GaugeStatus cikapundung = flood.gauges().get(0);
    assertEquals(CIKAPUNDUNG, cikapundung.gauge());
    assertEquals(new FloodStatus.Reading(210, T, FloodLevel.SIAGA_2), cikapundung.reading());
    assertEquals(FloodLevel.NORMAL, flood.gauges().get(1).reading().level());
    assertEquals(T.plusSeconds(5), flood.gauges().get(1).reading().ts());
  }

  @Test
  void aGaugeWithoutAWaterLevelHasNoData() {
    // the gauge's sensor reported only its temperature; another sensor reported a water level
    FloodStatus flood = FloodStatus.of(List.of(CIKAPUNDUNG), List.of(
        value("wl-cikapundung-01", "coblong", "temperature_c", 24, T),
        value("wl-other", "coblong", "water_level_cm", 400, T)));

    assertFalse(flood.gauges().get(0).hasData());
  }

  @Test
  void anUntrustedGaugeHasNoLevelSoNoSiaga() {
    // the gauge jumped to 400 cm (siaga 1) faster than a river can: its sensor is suspect
    FloodStatus flood = FloodStatus.of(List.of(CIKAPUNDUNG, CITARUM), List.of(
        value("wl-cikapundung-01", "coblong", "water_level_cm", 400, T),
        value("wl-citarum-01", "sukajadi", "water_level_cm", 150, T)), java.util.Set.of("wl-cikapundung-01"));

    assertFalse(flood.gauges().get(0).hasData());
    org.junit.jupiter.api.Assertions.assertTrue(flood.gauges().get(0).untrusted());
    assertEquals(FloodLevel.SIAGA_3, flood.gauges().get(1).reading().level(), "the others as before");
    assertFalse(flood.gauges().get(1).untrusted());
  }

  @Test
  void theLevelsAreInclusiveAtEachThreshold() {
    List<FloodLevel> levels = List.of(149.9, 150.0, 200.0, 250.0).stream()
        .map(cm -> FloodStatus.of(List.of(CIKAPUNDUNG), List.of(value("wl-cikapundung-01", "coblong", "water_level_cm",
            cm, T))).gauges().get(0).reading().level()).toList();

    assertEquals(List.of(FloodLevel.NORMAL, FloodLevel.SIAGA_3, FloodLevel.SIAGA_2, FloodLevel.SIAGA_1), levels);
  }
}
