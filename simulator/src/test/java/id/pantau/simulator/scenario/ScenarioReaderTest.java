package id.pantau.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.Metric;
import id.pantau.wire.PlausibleRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
  private static final String SMALL = """
      {
        "city": "bandung",
        "kecamatan": [
          {"slug": "coblong", "zone": "north", "sensors": {"air_quality": 2}},
          {"slug": "regol", "zone": "central"}
        ],
        "sensorsPerKecamatan": {"traffic": 1},
        "riverGauges": [
          {"sensor": "wl-x-01", "river": "Cikapundung", "kecamatan": "regol", "order": 2,
           "siaga3Cm": 150, "siaga1Cm": 250, "catchment": ["north"]}
        ],
        "rainEvents": [{"startMinute": 5, "durationMinutes": 60, "peakMmPerHour": 40, "zones": ["north"]}]
      }
      """;

  @Test
  void builtInBandungHasThirtyKecamatanWithTheExpectedSensorTypes() {
    Scenario s = ScenarioReader.builtIn("bandung");
    assertEquals(30, s.kecamatan().size());
    assertEquals(30, s.gatewayCount());
    assertTrue(s.gauges().stream().anyMatch(g -> g.river().equals("Cikapundung")));
    for (SensorType t : new SensorType[] {SensorType.AIR_QUALITY, SensorType.TRAFFIC, SensorType.RAIN,
        SensorType.STREETLIGHT, SensorType.WASTE_BIN}) {
      assertTrue(s.kecamatan().stream().allMatch(k -> k.sensors().getOrDefault(t, 0) > 0), t.key());
    }
    assertEquals(1, s.rainEvents().size());
  }

  @Test
  void perKecamatanSensorsOverrideTheDefaultsAndGaugesAreRead() {
    Scenario s = ScenarioReader.parse("small.json", SMALL);
    assertEquals(2, s.kecamatan().get(0).sensors().get(SensorType.AIR_QUALITY));
    assertEquals(1, s.kecamatan().get(0).sensors().get(SensorType.TRAFFIC));
    assertEquals(1, s.kecamatan().get(1).sensors().get(SensorType.TRAFFIC));
    assertEquals(2, s.gauges().get(0).order());
    assertEquals(75, s.gauges().get(0).baseCm(), 1e-9); // half of siaga 3 by default
    assertEquals(5, s.batchEverySeconds());
  }

  @Test
  void anUnknownKeyIsNamedWithItsLineAndColumn() {
    String text = SMALL.replace("\"sensorsPerKecamatan\"", "\"sensorsPerKecamatn\"");
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.parse("small.json", text));
    assertTrue(e.getMessage().startsWith("small.json:7:"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key 'sensorsPerKecamatn'"), e.getMessage());
  }

  @Test
  void aBadValueNamesItsKeyPathAndTheAllowedRange() {
    String text = SMALL.replace("\"traffic\": 1", "\"traffic\": -3");
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.parse("small.json", text));
    assertTrue(e.getMessage().contains("small.json:7:"), e.getMessage());
    assertTrue(e.getMessage().contains("sensorsPerKecamatan.traffic: must be between 0 and 10000, is -3"), e.getMessage());
  }

  @Test
  void aGaugeInAnUnknownKecamatanOrZoneIsRefused() {
    ScenarioException kec = assertThrows(ScenarioException.class,
        () -> ScenarioReader.parse("s", SMALL.replace("\"kecamatan\": \"regol\"", "\"kecamatan\": \"dago\"")));
    assertTrue(kec.getMessage().contains("riverGauges[0].kecamatan: 'dago' is not one of the scenario's kecamatan"),
        kec.getMessage());
    ScenarioException zone = assertThrows(ScenarioException.class,
        () -> ScenarioReader.parse("s", SMALL.replace("\"zones\": [\"north\"]", "\"zones\": [\"utara\"]")));
    assertTrue(zone.getMessage().contains("rainEvents[0].zones[0]: zone 'utara' is not the zone of any kecamatan"),
        zone.getMessage());
  }

  @Test
  void brokenJsonAndMissingKeysAreExplained() {
    ScenarioException broken = assertThrows(ScenarioException.class,
        () -> ScenarioReader.parse("s.json", "{\n  \"city\": \"bandung\",\n  \"kecamatan\": [\n}"));
    assertTrue(broken.getMessage().startsWith("s.json:4:"), broken.getMessage());
    assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
    ScenarioException missing = assertThrows(ScenarioException.class,
        () -> ScenarioReader.parse("s.json", "{\"city\": \"bandung\"}"));
    assertTrue(missing.getMessage().contains("kecamatan: is required"), missing.getMessage());
    ScenarioException slug = assertThrows(ScenarioException.class,
        () -> ScenarioReader.parse("s.json", "{\"city\": \"Bandung City\", \"kecamatan\": []}"));
    assertTrue(slug.getMessage().contains("city: 'Bandung City' is not a slug"), slug.getMessage());
  }

  @Test
  void aMissingFileIsReportedAsSuch() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.load("/nonexistent/city.json"));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void builtInBandungWithFaultsScriptsEveryKindOnTheSameCity() {
    Scenario faulty = ScenarioReader.builtIn("bandung-faults");
    Scenario bandung = ScenarioReader.builtIn("bandung");
    assertEquals(bandung.kecamatan(), faulty.kecamatan());
    assertEquals(bandung.gauges(), faulty.gauges());
    assertEquals(List.of("clock_drift", "stuck", "unit_mixup", "spike", "spike", "silent", "dropout"),
        faulty.faults().stream().map(f -> f.effect().kind()).toList());
    assertTrue(bandung.faults().isEmpty());
  }

  private static Scenario withFaults(String faults) {
    return ScenarioReader.parse("f.json", SMALL.replace("\"rainEvents\"", "\"faults\": [" + faults + "],\n  \"rainEvents\""));
  }

  @Test
  void faultsAreReadWithTheirTargetsWindowsAndDefaults() {
    Scenario s = withFaults("""
        {"kind": "stuck", "sensor": "aq-coblong-02", "metric": "pm25", "startMinute": 10, "durationMinutes": 30},
        {"kind": "spike", "sensor": "wl-x-01", "startMinute": 0, "delta": 250},
        {"kind": "silent", "sensor": "tc-regol-01", "startMinute": 5},
        {"kind": "dropout", "gateway": "bandung.regol.gw1", "startMinute": 5, "durationMinutes": 60},
        {"kind": "unit_mixup", "sensor": "aq-coblong-01", "metric": "co", "startMinute": 1},
        {"kind": "clock_drift", "gateway": "bandung.coblong.gw1", "lagSecondsPerHour": 600, "startMinute": 0}""");
    List<Fault> faults = s.faults();
    assertEquals(6, faults.size());
    assertEquals(new Fault(1, new Fault.Stuck(null), "aq-coblong-02", null, Metric.PM25, 10, 30), faults.get(0));
    assertEquals(new Fault.Spike(250, 0.2), faults.get(1).effect());
    assertTrue(Double.isInfinite(faults.get(2).durationMinutes()));
    assertEquals(new Fault.Dropout(0.5), faults.get(3).effect());
    assertEquals("bandung.regol.gw1", faults.get(3).gateway());
    assertEquals(new Fault.UnitMixup(1000), faults.get(4).effect());
    assertEquals(new Fault.ClockDrift(600), faults.get(5).effect());
    assertEquals("#6 clock_drift bandung.coblong.gw1 from minute 0 to the end", faults.get(5).describe());
  }

  @Test
  void plausibilityMirrorsTheCityFileAndAGaugeHasItsOwnRange() {
    Scenario s = ScenarioReader.parse("p.json", SMALL
        .replace("\"catchment\": [\"north\"]", "\"catchment\": [\"north\"], \"rangeCm\": {\"min\": 0, \"max\": 800}")
        .replace("\"rainEvents\"", "\"plausibility\": {\"temperature_c\": {\"min\": -10, \"max\": 50}},\n  \"rainEvents\""));
    assertEquals(new PlausibleRange(-10, 50), s.plausibleRange(Metric.TEMPERATURE_C, "wx-coblong-01"));
    assertEquals(new PlausibleRange(0, 800), s.plausibleRange(Metric.WATER_LEVEL_CM, "wl-x-01"));
    assertEquals(Metric.PM25.plausible(), s.plausibleRange(Metric.PM25, "aq-coblong-01"));
    Scenario bandung = ScenarioReader.builtIn("bandung");
    assertEquals(new PlausibleRange(0, 800), bandung.plausibleRange(Metric.WATER_LEVEL_CM, "wl-cikapundung-01"));
    assertEquals(new PlausibleRange(-10, 50), bandung.plausibleRange(Metric.TEMPERATURE_C, "wx-coblong-01"));
  }

  @Test
  void aFaultAimedAtWhatTheScenarioDoesNotHaveIsRefusedWithItsLocation() {
    assertRefused("{\"kind\": \"stuck\", \"sensor\": \"aq-coblong-03\", \"startMinute\": 1}",
        "faults[0].sensor: sensor 'aq-coblong-03' is not in the scenario");
    assertRefused("{\"kind\": \"stuck\", \"sensor\": \"tc-regol-01\", \"metric\": \"pm25\", \"startMinute\": 1}",
        "faults[0].metric: a traffic sensor does not report pm25 (it reports traffic_count, traffic_speed_kmh)");
    assertRefused("{\"kind\": \"dropout\", \"gateway\": \"bandung.regol.gw2\", \"startMinute\": 1}",
        "faults[0].gateway: gateway 'bandung.regol.gw2' is not in the scenario");
    assertRefused("{\"kind\": \"dropout\", \"sensor\": \"tc-regol-01\", \"startMinute\": 1}",
        "faults[0].sensor: a dropout fault names a gateway, not a sensor");
    assertRefused("{\"kind\": \"melted\", \"sensor\": \"tc-regol-01\", \"startMinute\": 1}",
        "faults[0].kind: unknown fault kind 'melted'");
    assertRefused("{\"kind\": \"silent\", \"sensor\": \"tc-regol-01\", \"startMinute\": 1, \"factor\": 3}",
        "unknown key 'factor'");
    assertRefused("{\"kind\": \"clock_drift\", \"sensor\": \"tc-regol-01\", \"startMinute\": 1, \"lagSecondsPerHour\": 4000}",
        "faults[0].lagSecondsPerHour: must be between 1.0 and 1800.0, is 4000.0");
    assertRefused("{\"kind\": \"spike\", \"sensor\": \"tc-regol-01\", \"startMinute\": 1}",
        "faults[0].delta: is required");
  }

  private static void assertRefused(String fault, String expected) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> withFaults(fault));
    assertTrue(e.getMessage().startsWith("f.json:"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
