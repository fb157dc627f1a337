package id.pantau.dashboard.kpi;

import id.pantau.wire.Metric;

/**
 * ISPU (Indeks Standar Pencemar Udara) for PM2.5 and PM10, by the breakpoints of Peraturan
 * Menteri LHK No. P.14/MENLHK/SETJEN/KUM.1/7/2020, Lampiran: 24-hour concentrations in µg/m³
 * against index values 0, 50, 100, 200, 300 and 500, with linear interpolation between the
 * bracketing breakpoints: I = (Ia - Ib) / (Xa - Xb) * (Xx - Xb) + Ib. Above the top breakpoint
 * the index is capped at 500 (still Berbahaya).
 */
public final class AirQualityIndex {
  private static final double[] INDEX = {0, 50, 100, 200, 300, 500};
  private static final double[] PM25 = {0, 15.5, 55.4, 150.4, 250.4, 500};
  private static final double[] PM10 = {0, 50, 150, 350, 420, 500};

  /**
   * The five categories, with the Indonesian label the screens show by default and the colour the
   * regulation gives each (hijau, biru, kuning, merah, hitam), so that a screen shows ISPU as the
   * public knows it from the ministry's own displays.
   */
  public enum Category {
    BAIK("Baik", "Good", "green"),
    SEDANG("Sedang", "Moderate", "blue"),
    TIDAK_SEHAT("Tidak Sehat", "Unhealthy", "yellow"),
    SANGAT_TIDAK_SEHAT("Sangat Tidak Sehat", "Very Unhealthy", "red"),
    BERBAHAYA("Berbahaya", "Hazardous", "black");

    private final String indonesian;
    private final String english;
    private final String colour;

    Category(String indonesian, String english, String colour) {
      this.indonesian = indonesian;
      this.english = english;
      this.colour = colour;
    }

    /** The regulation's colour for the category: green, blue, yellow, red or black. */
    public String colour() {
      return colour;
    }

    public String indonesian() {
      return indonesian;
    }

    public String english() {
      return english;
    }

    /** 0-50 Baik, 51-100 Sedang, 101-200 Tidak Sehat, 201-300 Sangat Tidak Sehat, above 300 Berbahaya. */
    public static Category of(int index) {
      if (index <= 50) {
        return BAIK;
      }
      if (index <= 100) {
        return SEDANG;
      }
      if (index <= 200) {
        return TIDAK_SEHAT;
      }
      return index <= 300 ? SANGAT_TIDAK_SEHAT : BERBAHAYA;
    }
  }

  private AirQualityIndex() {
  }

  /** The index of a 24-hour mean concentration of PM2.5 or PM10, rounded to a whole number. */
  public static int index(Metric pollutant, double concentration) {
    double[] breakpoints = switch (pollutant) {
      case PM25 -> PM25;
      case PM10 -> PM10;
      default -> throw new IllegalArgumentException("ISPU here covers pm25 and pm10, not " + pollutant.wireName());
    };
    if (!Double.isFinite(concentration) || concentration < 0) {
      throw new IllegalArgumentException("a concentration must be a finite number >= 0, is " + concentration);
    }
    if (concentration >= breakpoints[breakpoints.length - 1]) {
      return 500;
    }
    int upper = 1;
    while (concentration > breakpoints[upper]) {
      upper++;
    }
    double ib = INDEX[upper - 1];
    double ia = INDEX[upper];
    double xb = breakpoints[upper - 1];
    double xa = breakpoints[upper];
    return (int) Math.round((ia - ib) / (xa - xb) * (concentration - xb) + ib);
  }
}
