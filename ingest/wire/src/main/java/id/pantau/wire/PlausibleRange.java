package id.pantau.wire;

/**
 * The values a metric can physically take, both ends included. A reading outside is kept but
 * flagged: it is a fault of the sensor or the gateway, not a measurement.
 *
 * <p>Both ends are finite and at most {@link #LIMIT} in magnitude. That bound is what keeps every
 * aggregate finite: a sum of n readings that passed is at most n times {@code LIMIT}, and with n
 * below 2^63 that is below 1e31, far from double's 1.8e308. A range cannot be configured around it.
 */
public record PlausibleRange(double min, double max) {
  /** The largest magnitude a range may admit. */
  public static final double LIMIT = 1e12;

  public PlausibleRange {
    if (!Double.isFinite(min) || !Double.isFinite(max) || Math.abs(min) > LIMIT || Math.abs(max) > LIMIT) {
      throw new IllegalArgumentException("a plausible range needs finite ends within +/-" + LIMIT + ", is ["
          + min + ", " + max + "]");
    }
    if (min > max) {
      throw new IllegalArgumentException("a plausible range's min (" + min + ") must not be above its max (" + max + ")");
    }
  }

  public boolean contains(double v) {
    return v >= min && v <= max;
  }
}
