package id.pantau.simulator.model;

/**
 * The shape of an ordinary day in an Indonesian city, as functions of the local hour. Values
 * are without noise; {@link CityModel} adds it. The numbers are plausible, not measured: they
 * give screens and alerts something believable to show, not a forecast.
 */
public final class DailyPatterns {
  private DailyPatterns() {
  }

  /** Traffic as a share of capacity (0 to about 1): morning and evening peaks, a busy midday, quiet nights. */
  public static double traffic(double hour) {
    double morning = 0.85 * bump(hour, 7.25, 1.1);
    double evening = 0.9 * bump(hour, 17.5, 1.4);
    double day = 0.45 * smoothStep(hour, 6, 9) * (1 - smoothStep(hour, 19, 22));
    return Math.min(1.0, 0.08 + Math.max(day, Math.max(morning, evening)));
  }

  /** PM2.5 in µg/m³: follows traffic with about an hour's lag, washed out by rain. */
  public static double pm25(double hour, double rainMmPerHour) {
    double lagged = traffic((hour + 23) % 24);
    double washout = 1 - Math.min(0.6, rainMmPerHour / 40.0);
    return (14 + 55 * lagged) * washout;
  }

  /** Air temperature in °C: about 17 before dawn, about 29 at two in the afternoon, cooler in rain. */
  public static double temperature(double hour, double rainMmPerHour) {
    double t = 23 + 6 * Math.cos(2 * Math.PI * (hour - 14) / 24);
    return t - Math.min(4, rainMmPerHour / 10.0);
  }

  /** Relative humidity in %, falling as the air warms and saturating in rain. */
  public static double humidity(double temperature, double rainMmPerHour) {
    return Math.min(100, 92 - 2.6 * (temperature - 17) + rainMmPerHour);
  }

  /** Sunlight share (0 at night, 1 at noon) for ozone. */
  public static double sunlight(double hour) {
    return Math.max(0, Math.sin(Math.PI * (hour - 6) / 12));
  }

  /** True between dusk and dawn, when street lights burn. */
  public static boolean dark(double hour) {
    return hour < 5.75 || hour >= 18.0;
  }

  /** Waste bin fill in %: bins fill through the day and are emptied at six in the morning. */
  public static double binFill(double hour, double offset) {
    double since = (hour - 6 + 24) % 24;
    return Math.min(100, offset + since / 24.0 * 85);
  }

  private static double bump(double hour, double centre, double width) {
    double d = hour - centre;
    return Math.exp(-d * d / (2 * width * width));
  }

  private static double smoothStep(double x, double from, double to) {
    double t = Math.max(0, Math.min(1, (x - from) / (to - from)));
    return t * t * (3 - 2 * t);
  }
}
