package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import id.pantau.dashboard.kpi.AirQualityIndex.Category;
import id.pantau.wire.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AirQualityIndexTest {

  @ParameterizedTest(name = "PM2.5 {0} µg/m³ is ISPU {1}")
  @CsvSource({"0, 0", "15.5, 50", "55.4, 100", "150.4, 200", "250.4, 300", "500, 500"})
  void pm25BreakpointsGiveTheirIndex(double concentration, int index) {
    assertEquals(index, AirQualityIndex.index(Metric.PM25, concentration));
  }

  @ParameterizedTest(name = "PM10 {0} µg/m³ is ISPU {1}")
  @CsvSource({"0, 0", "50, 50", "150, 100", "350, 200", "420, 300", "500, 500"})
  void pm10BreakpointsGiveTheirIndex(double concentration, int index) {
    assertEquals(index, AirQualityIndex.index(Metric.PM10, concentration));
  }

  @Test
  void betweenBreakpointsTheIndexIsInterpolated() {
    // PM10 100 lies halfway between 50 (ISPU 50) and 150 (ISPU 100)
    assertEquals(75, AirQualityIndex.index(Metric.PM10, 100));
    // PM2.5 35.45 lies halfway between 15.5 and 55.4
    assertEquals(75, AirQualityIndex.index(Metric.PM25, 35.45));
  }

  @Test
  void aboveTheTopBreakpointTheIndexIsCapped() {
    assertEquals(500, AirQualityIndex.index(Metric.PM25, 900));
    assertEquals(Category.BERBAHAYA, Category.of(500));
  }

  @ParameterizedTest(name = "ISPU {0} is {1}")
  @CsvSource({"0, BAIK", "50, BAIK", "51, SEDANG", "100, SEDANG", "101, TIDAK_SEHAT", "200, TIDAK_SEHAT",
      "201, SANGAT_TIDAK_SEHAT", "300, SANGAT_TIDAK_SEHAT", "301, BERBAHAYA"})
  void categoryBoundaries(int index, Category category) {
    assertEquals(category, Category.of(index));
  }

  @Test
  void invalidInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AirQualityIndex.index(Metric.PM25, -1));
    assertThrows(IllegalArgumentException.class, () -> AirQualityIndex.index(Metric.PM25, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> AirQualityIndex.index(Metric.NO2, 10));
  }
}
