package id.pantau.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.Metric;
import id.pantau.wire.PlausibleRange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PlausibilityTest {
  private static final Plausibility CATALOGUE = Plausibility.catalogue();

  @Test
  void theCatalogueFlagsTheIssuesPm25OfOneE308AndKeepsEveryValueTheIspuScaleCanExpress() {
    assertFalse(CATALOGUE.plausible(Metric.PM25, "aq-coblong-09", 1e308));
    assertFalse(CATALOGUE.plausible(Metric.PM25, "aq-coblong-09", -1));
    assertTrue(CATALOGUE.plausible(Metric.PM25, "aq-coblong-09", 0));
    assertTrue(CATALOGUE.plausible(Metric.PM25, "aq-coblong-09", 500.4)); // ISPU 500, Berbahaya
    assertTrue(CATALOGUE.plausible(Metric.PM25, "aq-coblong-09", 1000)); // both ends included
    assertFalse(CATALOGUE.plausible(Metric.PM25, "aq-coblong-09", 1000.1));
  }

  @Test
  void theCatalogueBoundsEveryMetricOnBothSides() {
    assertFalse(CATALOGUE.plausible(Metric.HUMIDITY_PCT, "wx-1", 100.5));
    assertFalse(CATALOGUE.plausible(Metric.BIN_FILL_PCT, "wb-1", -0.5));
    assertFalse(CATALOGUE.plausible(Metric.TRAFFIC_COUNT, "tc-1", -1));
    assertFalse(CATALOGUE.plausible(Metric.TRAFFIC_SPEED_KMH, "tc-1", 250));
    assertFalse(CATALOGUE.plausible(Metric.NOISE_DB, "nz-1", 15));
    assertFalse(CATALOGUE.plausible(Metric.NOISE_DB, "nz-1", 141));
    assertFalse(CATALOGUE.plausible(Metric.STREETLIGHT_POWER_W, "sl-1", -5));
    assertFalse(CATALOGUE.plausible(Metric.RAINFALL_MM, "rg-1", 400));
    for (Metric m : Metric.values()) {
      PlausibleRange r = m.plausible();
      assertTrue(r.min() > -PlausibleRange.LIMIT && r.max() < PlausibleRange.LIMIT, m.wireName());
      assertFalse(CATALOGUE.plausible(m, "s", Double.MAX_VALUE), m.wireName());
      assertFalse(CATALOGUE.plausible(m, "s", -Double.MAX_VALUE), m.wireName());
    }
  }

  @Test
  void aCityFileNarrowsAMetricForItsSensorsOnly() {
    Plausibility city = city(new JsonObject().put("plausibility",
        new JsonObject().put("temperature_c", range(-10, 50)).put("pm25", new JsonObject().put("max", 500))));
    assertFalse(city.plausible(Metric.TEMPERATURE_C, "wx-1", 55));
    assertTrue(city.plausible(Metric.TEMPERATURE_C, "wx-1", -10));
    assertTrue(CATALOGUE.plausible(Metric.TEMPERATURE_C, "wx-1", 55)); // another city: the catalogue's
    // an end left out keeps the catalogue's
    assertEquals(new PlausibleRange(0, 500), city.range(Metric.PM25, "aq-1"));
  }

  @Test
  void aSensorsOwnRangeReplacesTheCitysForThatSensor() {
    Plausibility city = city(new JsonObject()
        .put("plausibility", new JsonObject().put("pm25", range(0, 300)))
        .put("sensorPlausibility", new JsonObject().put("aq-haze-01", new JsonObject().put("pm25", range(0, 900)))));
    assertTrue(city.plausible(Metric.PM25, "aq-haze-01", 800));
    assertFalse(city.plausible(Metric.PM25, "aq-other-01", 800));
    assertTrue(city.plausible(Metric.PM10, "aq-haze-01", 800)); // other metrics of that sensor: the city's
  }

  @Test
  void aRiverGaugesRangeCmAppliesToItsWaterLevelOnly() {
    JsonObject gauge = new JsonObject().put("sensor", "wl-1").put("river", "Cikapundung").put("kecamatan", "coblong")
        .put("siaga3Cm", 150).put("siaga2Cm", 200).put("siaga1Cm", 250).put("rangeCm", range(0, 400));
    Plausibility city = city(new JsonObject().put("riverGauges", new JsonArray().add(gauge)));
    assertFalse(city.plausible(Metric.WATER_LEVEL_CM, "wl-1", 450));
    assertFalse(city.plausible(Metric.WATER_LEVEL_CM, "wl-1", -5));
    assertTrue(city.plausible(Metric.WATER_LEVEL_CM, "wl-2", 450)); // a gauge without one: the catalogue's
  }

  @Test
  void bandungShipsItsClimatesTemperatureRangeAndItsGaugesSpans() {
    City bandung = CityFiles.load("classpath:cities/bandung.json");
    assertFalse(bandung.plausibility().plausible(Metric.TEMPERATURE_C, "wx-coblong-01", 51));
    assertTrue(bandung.plausibility().plausible(Metric.TEMPERATURE_C, "wx-coblong-01", 31));
    assertFalse(bandung.plausibility().plausible(Metric.WATER_LEVEL_CM, "wl-cikapundung-01", 900));
    assertTrue(bandung.plausibility().plausible(Metric.WATER_LEVEL_CM, "wl-cikapundung-01", 262));
  }

  @Test
  void aRangeThatCouldLetAnAggregateOverflowOrMeansNothingStopsTheCityWithTheKeyAtFault() {
    assertRefused(new JsonObject().put("plausibility", new JsonObject().put("pm25", range(0, 1e308))),
        "plausibility.pm25");
    assertRefused(new JsonObject().put("plausibility", new JsonObject().put("pm25", range(10, 5))), "plausibility.pm25");
    assertRefused(new JsonObject().put("plausibility", new JsonObject().put("pm2.5", range(0, 5))), "'pm2.5'");
    assertRefused(new JsonObject().put("plausibility", new JsonObject().put("pm25", new JsonObject().put("maks", 5))),
        "plausibility.pm25.maks");
    assertRefused(new JsonObject().put("sensorPlausibility", new JsonObject().put("aq-1",
        new JsonObject().put("pm25", new JsonObject().put("max", "high")))), "sensorPlausibility.aq-1.pm25.max");
    JsonObject gauge = new JsonObject().put("sensor", "wl-1").put("river", "Cikapundung").put("kecamatan", "coblong")
        .put("siaga3Cm", 150).put("siaga2Cm", 200).put("siaga1Cm", 250).put("rangeCm", range(0, 200));
    assertRefused(new JsonObject().put("riverGauges", new JsonArray().add(gauge)), "must include its siaga levels");
  }

  @Test
  void anAdministratorsRangesReplaceTheFilesAndTheGaugeKeepsItsOwn() {
    City file = CityFiles.fromJson(withGauge(minimalCity()).put("plausibility",
        new JsonObject().put("temperature_c", range(-10, 50))));
    Plausibility admin = PlausibilityJson.override(new JsonObject()
        .put("plausibility", new JsonObject().put("pm25", new JsonObject().put("max", 500)))
        .put("sensorPlausibility", new JsonObject().put("aq-1", new JsonObject().put("pm25", range(0, 300)))), file);

    assertEquals(new PlausibleRange(0, 500), admin.range(Metric.PM25, "aq-2"));
    assertEquals(new PlausibleRange(0, 300), admin.range(Metric.PM25, "aq-1"));
    // the file's temperature range is replaced (the catalogue's again); the gauge's rangeCm stays
    assertEquals(Metric.TEMPERATURE_C.plausible(), admin.range(Metric.TEMPERATURE_C, "wx-1"));
    assertEquals(new PlausibleRange(0, 800), admin.range(Metric.WATER_LEVEL_CM, "wl-1"));
    JsonObject described = PlausibilityJson.describe(admin);
    assertEquals(range(0, 800), described.getJsonObject("sensorPlausibility").getJsonObject("wl-1")
        .getJsonObject("water_level_cm"));
    assertEquals(range(0, 500), described.getJsonObject("effective").getJsonObject("pm25"));
  }

  @Test
  void anAdministratorsRangeIsRefusedNamingTheEntryWhenEmptyMalformedOrHidingASiagaLevel() {
    City file = CityFiles.fromJson(withGauge(minimalCity()));
    assertOverrideRefused(file, new JsonObject().put("plausibility", new JsonObject().put("pm25", range(10, 10))),
        "plausibility.pm25: min (10.0) must be below max (10.0)");
    assertOverrideRefused(file, new JsonObject().put("plausibility", new JsonObject().put("pm25", range(0, 1e308))),
        "plausibility.pm25");
    assertOverrideRefused(file, new JsonObject().put("sensorPlausibility", new JsonObject().put("wl-1",
        new JsonObject().put("water_level_cm", range(0, 200)))), "gauge wl-1");
    // a city-wide water level range below the siaga levels is fine while the gauge has its own rangeCm
    PlausibilityJson.override(new JsonObject().put("plausibility", new JsonObject().put("water_level_cm",
        range(0, 100))), file);
    assertOverrideRefused(file, new JsonObject().put("sensorPlausibility", new JsonObject().put("a/b",
        new JsonObject().put("pm25", range(0, 5)))), "sensorPlausibility.a/b: a sensor id");
    assertOverrideRefused(file, new JsonObject().put("plausibility", new JsonArray()), "plausibility must be an object");
    assertOverrideRefused(file, new JsonObject().put("thresholds", new JsonArray()), "thresholds: the body has only");
  }

  private static void assertOverrideRefused(City city, JsonObject body, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> PlausibilityJson.override(body, city));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static JsonObject withGauge(JsonObject city) {
    return city.put("riverGauges", new JsonArray().add(new JsonObject().put("sensor", "wl-1").put("river", "Cikapundung")
        .put("kecamatan", "coblong").put("siaga3Cm", 150).put("siaga2Cm", 200).put("siaga1Cm", 250)
        .put("rangeCm", range(0, 800))));
  }

  private static void assertRefused(JsonObject extra, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> CityFiles.fromJson(minimalCity().mergeIn(extra)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static Plausibility city(JsonObject extra) {
    return CityFiles.fromJson(minimalCity().mergeIn(extra)).plausibility();
  }

  private static JsonObject range(double min, double max) {
    return new JsonObject().put("min", min).put("max", max);
  }

  private static JsonObject minimalCity() {
    return new JsonObject().put("slug", "testkota").put("name", "Kota Test")
        .put("kecamatan", new JsonArray().add(new JsonObject().put("slug", "coblong").put("name", "Coblong")
            .put("zone", "north")));
  }
}
