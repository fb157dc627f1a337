package id.pantau.dashboard.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sensor whose readings arrive far behind their own timestamps while its gateway's do not: its
 * clock has drifted or lost its time source. A whole gateway delivering a backlog after an outage
 * is late too, but that is the gateway's matter, not this sensor's: the sensor's lag counts only
 * beyond the gateway's.
 */
public final class LateDetector {
  private final Duration maxLag;

  public LateDetector(Duration maxLag) {
    this.maxLag = maxLag;
  }

  /**
   * @param newestTs the timestamp of the sensor's newest reading
   * @param storedAt when that reading was stored
   * @param gatewayLagMs its gateway's lag on its last batch (null: unknown, taken as none)
   */
  public Optional<Finding> check(Instant newestTs, Instant storedAt, Long gatewayLagMs) {
    if (newestTs == null || storedAt == null) {
      return Optional.empty();
    }
    Duration lag = Duration.between(newestTs, storedAt);
    Duration own = lag.minusMillis(gatewayLagMs == null ? 0 : Math.max(0, gatewayLagMs));
    if (lag.compareTo(maxLag) <= 0 || own.compareTo(maxLag) <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Finding(SensorState.SUSPECT, "late", storedAt, "its newest reading arrived "
        + lag.toSeconds() + " s after its timestamp"));
  }
}
