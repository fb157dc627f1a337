package id.pantau.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.Metric;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedCadenceTest {
  static JsonObject city(Object cadence) {
    JsonObject c = new JsonObject().put("slug", "garut").put("name", "Kabupaten Garut")
        .put("kecamatan", new io.vertx.core.json.JsonArray().add(new JsonObject().put("slug", "tarogong")
            .put("name", "Tarogong").put("zone", "north")));
    return cadence == null ? c : c.put("expectedCadenceSeconds", cadence);
  }

  @Test
  void aCityDeclaresHowOftenEachMetricReports() {
    City garut = CityFiles.fromJson(city(new JsonObject().put("pm25", 60).put("bin_fill_pct", 600).put("co", 0.5)));

    assertEquals(Map.of(Metric.PM25, Duration.ofMinutes(1), Metric.BIN_FILL_PCT, Duration.ofMinutes(10),
        Metric.CO, Duration.ofMillis(500)), garut.expectedCadence());
    assertTrue(CityFiles.fromJson(city(null)).expectedCadence().isEmpty(), "none declared: all learned");
  }

  @Test
  void anUnknownMetricOrACadenceThatIsNotAPositiveNumberIsRefusedByName() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CityFiles.fromJson(city(new JsonObject()
        .put("pm1", 60)))).getMessage().contains("expectedCadenceSeconds.pm1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CityFiles.fromJson(city(new JsonObject()
        .put("pm25", 0)))).getMessage().contains("expectedCadenceSeconds.pm25"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CityFiles.fromJson(city(new JsonObject()
        .put("pm25", "1m")))).getMessage().contains("expectedCadenceSeconds.pm25"));
  }

  @Test
  void bandungDeclaresItsSensorsCadences() {
    City bandung = CityFiles.load("classpath:cities/bandung.json");
    assertEquals(Duration.ofMinutes(1), bandung.expectedCadence().get(Metric.PM25));
    assertEquals(Duration.ofMinutes(5), bandung.expectedCadence().get(Metric.STREETLIGHT_POWER_W));
    assertEquals(Duration.ofMinutes(10), bandung.expectedCadence().get(Metric.BIN_FILL_PCT));
  }
}
