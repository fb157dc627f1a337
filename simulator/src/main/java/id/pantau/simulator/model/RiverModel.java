package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Scenario;

/**
 * River level at a gauge: its base level plus the rain its catchment received, delayed by the
 * travel time to the gauge (longer downstream) and draining away over hours (a linear
 * reservoir). A heavy rain event therefore raises upstream gauges first and downstream ones later.
 */
public final class RiverModel {
  /** Minutes for water to reach a gauge of order 1; each further order adds {@link #LAG_PER_ORDER}. */
  static final double LAG_FIRST = 20;
  static final double LAG_PER_ORDER = 15;
  /** Minutes over which a river drains back towards its base level. */
  static final double RECESSION = 90;
  /** cm of rise per (mm/h of catchment rain sustained for a minute). */
  static final double GAIN = 0.06;
  private static final int HISTORY_MINUTES = 8 * 60;

  private final Weather weather;

  public RiverModel(Weather weather) {
    this.weather = weather;
  }

  /** Level in cm at a model minute, without noise. */
  public double levelCm(Scenario.GaugeSpec gauge, double minute) {
    double lag = LAG_FIRST + LAG_PER_ORDER * (gauge.order() - 1);
    double arriving = minute - lag;
    double rise = 0;
    for (int back = 0; back < HISTORY_MINUTES; back++) {
      double rain = weather.catchmentRain(gauge.catchment(), arriving - back);
      if (rain > 0) {
        rise += rain * Math.exp(-back / RECESSION);
      }
    }
    return gauge.baseCm() + GAIN * rise;
  }

  /** How far a level is into its warning range: 0 at siaga 3 or below, 1 at siaga 1 and above. */
  public static double floodSeverity(Scenario.GaugeSpec gauge, double levelCm) {
    return Math.max(0, Math.min(1, (levelCm - gauge.siaga3Cm()) / (gauge.siaga1Cm() - gauge.siaga3Cm())));
  }
}
