package id.pantau.dashboard.kpi;

import id.pantau.city.RiverGauge;

/**
 * A river gauge's status from its configured thresholds: at or above siaga 1 (awas), siaga 2
 * (siaga), siaga 3 (waspada), else normal. The order is the severity order.
 */
public enum FloodLevel {
  NORMAL("Normal"),
  SIAGA_3("Siaga 3"),
  SIAGA_2("Siaga 2"),
  SIAGA_1("Siaga 1");

  private final String label;

  FloodLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static FloodLevel of(RiverGauge gauge, double waterLevelCm) {
    if (waterLevelCm >= gauge.siaga1Cm()) {
      return SIAGA_1;
    }
    if (waterLevelCm >= gauge.siaga2Cm()) {
      return SIAGA_2;
    }
    return waterLevelCm >= gauge.siaga3Cm() ? SIAGA_3 : NORMAL;
  }
}
