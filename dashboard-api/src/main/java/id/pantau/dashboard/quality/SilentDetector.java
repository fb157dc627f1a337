package id.pantau.dashboard.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sensor that reported and stopped while its gateway goes on: a dead battery, a cut cable, a
 * sensor the gateway no longer polls. Quiet means nothing stored from it for {@code cadences}
 * times its expected interval, and never less than {@code minQuiet} (one missed reading of a
 * fast sensor is jitter, not a fault). A sensor whose gateway is quiet too is not judged here:
 * the gateway's own alert says where to go.
 */
public final class SilentDetector {
  private final int cadences;
  private final Duration minQuiet;

  public SilentDetector(int cadences, Duration minQuiet) {
    this.cadences = cadences;
    this.minQuiet = minQuiet;
  }

  /** How long a sensor of this cadence may be quiet before it counts as silent. */
  public Duration quietLimit(Duration cadence) {
    Duration byCadence = cadence.multipliedBy(cadences);
    return byCadence.compareTo(minQuiet) > 0 ? byCadence : minQuiet;
  }

  /**
   * @param lastStored when the sensor's newest reading was stored (null: never)
   * @param gatewayLastBatch when its gateway's newest batch was stored (null: never)
   */
  public Optional<Finding> check(Instant lastStored, Instant gatewayLastBatch, Duration cadence, Instant now) {
    if (lastStored == null || gatewayLastBatch == null) {
      return Optional.empty();
    }
    Duration limit = quietLimit(cadence);
    boolean sensorQuiet = Duration.between(lastStored, now).compareTo(limit) > 0;
    // the gateway delivered something newer than the sensor's last reading, recently enough to be going on
    boolean gatewayGoesOn = gatewayLastBatch.isAfter(lastStored)
        && Duration.between(gatewayLastBatch, now).compareTo(limit) <= 0;
    if (!sensorQuiet || !gatewayGoesOn) {
      return Optional.empty();
    }
    return Optional.of(new Finding(SensorState.SILENT, "silent", lastStored, "nothing stored for "
        + Duration.between(lastStored, now).toSeconds() + " s while its gateway went on (expected every "
        + cadence.toSeconds() + " s)"));
  }
}
