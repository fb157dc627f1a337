package id.pantau.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
