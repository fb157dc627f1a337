package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import id.pantau.city.RiverGauge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FloodLevelTest {
  static final RiverGauge GAUGE = new RiverGauge("wl-1", "Cikapundung", "coblong", 150, 200, 250);

  @ParameterizedTest(name = "{0} cm is {1}")
  @CsvSource({"0, NORMAL", "149.9, NORMAL", "150, SIAGA_3", "199, SIAGA_3", "200, SIAGA_2", "250, SIAGA_1", "400, SIAGA_1"})
  void levelFollowsTheThresholds(double cm, FloodLevel level) {
    assertEquals(level, FloodLevel.of(GAUGE, cm));
  }

  @Test
  void thresholdsMustRise() {
    assertThrows(IllegalArgumentException.class, () -> new RiverGauge("wl-1", "Cikapundung", "coblong", 200, 150, 250));
  }
}
