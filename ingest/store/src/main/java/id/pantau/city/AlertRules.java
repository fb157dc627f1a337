package id.pantau.city;

import java.util.List;

/**
 * When a city raises alerts. Every rule opens at one level and clears at a lower one
 * (hysteresis), so a value hovering at the threshold does not make the alert flap.
 *
 * @param floodHysteresisCm a flood alert clears only once the gauge is this far below siaga 3
 * @param ispuOpenAt ISPU at or above which a kecamatan's air raises an alert (101: Tidak Sehat)
 * @param ispuClearBelow the ISPU below which that alert clears
 * @param complaintBreaches raise an alert for a kecamatan with complaints past their resolution target
 * @param gatewayOfflineMinutes raise an alert for a gateway offline this long (0: never)
 * @param staleMinutes readings older than this no longer hold a threshold alert open
 */
public record AlertRules(List<Threshold> thresholds, double floodHysteresisCm, int ispuOpenAt, int ispuClearBelow,
                         boolean complaintBreaches, int gatewayOfflineMinutes, int staleMinutes) {

  /**
   * A metric (optionally one sensor) above {@code above} opens an alert; it clears below {@code clearBelow}.
   *
   * @param sensor null for every sensor of the metric
   */
  public record Threshold(String metric, String sensor, double above, double clearBelow, String severity) {
    public Threshold {
      if (!(clearBelow <= above)) {
        throw new IllegalArgumentException("threshold for " + metric + ": clearBelow (" + clearBelow
            + ") must not be above 'above' (" + above + ")");
      }
      if (!Severity.isValid(severity)) {
        throw new IllegalArgumentException("threshold for " + metric + ": severity must be one of "
            + Severity.NAMES + ", is '" + severity + "'");
      }
    }
  }

  /** watch (waspada), warning (siaga), danger (awas): the colours of the wall screen. */
  public static final class Severity {
    public static final List<String> NAMES = List.of("watch", "warning", "danger");

    private Severity() {
    }

    public static boolean isValid(String s) {
      return NAMES.contains(s);
    }
  }

  public AlertRules {
    thresholds = List.copyOf(thresholds);
    if (ispuClearBelow > ispuOpenAt) {
      throw new IllegalArgumentException("alerts.ispuClearBelow must not be above alerts.ispuOpenAt");
    }
  }

  /** What a city gets when its file says nothing about alerts. */
  public static AlertRules defaults() {
    return new AlertRules(List.of(), 10, 101, 90, true, 10, 15);
  }
}
