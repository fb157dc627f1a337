package id.pantau.simulator.backfill;

/**
 * The Indonesian air quality index (ISPU, Permen LHK 14/2020) of a PM2.5 concentration, for
 * judging backfilled air alerts: linear between the regulation's breakpoints.
 */
final class Ispu {
  private static final double[] PM25 = {0, 15.5, 55.4, 150.4, 250.4, 500};
  private static final double[] INDEX = {0, 50, 100, 200, 300, 500};

  private Ispu() {
  }

  static int ofPm25(double ugm3) {
    for (int i = 1; i < PM25.length; i++) {
      if (ugm3 <= PM25[i]) {
        return (int) Math.round(INDEX[i - 1] + (ugm3 - PM25[i - 1]) * (INDEX[i] - INDEX[i - 1]) / (PM25[i] - PM25[i - 1]));
      }
    }
    return 500;
  }

  static String indonesian(int ispu) {
    return ispu <= 50 ? "Baik" : ispu <= 100 ? "Sedang" : ispu <= 200 ? "Tidak Sehat" : ispu <= 300 ? "Sangat Tidak Sehat"
        : "Berbahaya";
  }

  static String english(int ispu) {
    return ispu <= 50 ? "Good" : ispu <= 100 ? "Moderate" : ispu <= 200 ? "Unhealthy" : ispu <= 300 ? "Very Unhealthy"
        : "Hazardous";
  }
}
