package id.pantau.dashboard.quality;

import id.pantau.wire.Metric;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one sensor from its facts, pure. The first that applies wins: an operator's maintenance
 * mark; implausible readings in the window (the sensor still talks, so it is not silent, and it is
 * shown why); silence while the gateway goes on; then suspicion (late, stuck, spike); else ok.
 */
public final class SensorHealth {
  private final StuckDetector stuck;
  private final SpikeDetector spike;
  private final SilentDetector silent;
  private final LateDetector late;
  private final OutOfRangeDetector outOfRange = new OutOfRangeDetector();

  public SensorHealth(SensorHealthConfig config) {
    this.stuck = new StuckDetector(config.stuckReadings(), config.stuckFor());
    this.spike = new SpikeDetector(config.spikeSettleReadings());
    this.silent = new SilentDetector(config.silentCadences(), config.silentMin());
    this.late = new LateDetector(config.lateAfter());
  }

  public SensorStatus judge(SensorFacts f, Instant now) {
    if (f.maintenance() != null) {
      return status(f, new Finding(SensorState.MAINTENANCE, "maintenance", f.maintenance().since(),
          "put in maintenance by " + f.maintenance().by()
              + (f.maintenance().note() == null ? "" : ": " + f.maintenance().note())));
    }
    Optional<Finding> finding = perMetric(f, outOfRange::check)
        .or(() -> silent.check(f.lastStored(), f.gatewayLastBatch(), f.cadence(), now))
        .or(() -> late.check(f.newestTs(), f.lastStored(), f.gatewayLagMs()))
        .or(() -> perMetric(f, stuck::check))
        .or(() -> perMetric(f, spike::check));
    return finding.map(found -> status(f, found))
        .orElseGet(() -> new SensorStatus(f.sensor(), f.kecamatan(), SensorState.OK, null, now, null, f.newestTs()));
  }

  private interface MetricCheck {
    Optional<Finding> check(Metric metric, List<Sample> samples);
  }

  /** The first finding over the sensor's metrics, in the catalogue's order. */
  private static Optional<Finding> perMetric(SensorFacts f, MetricCheck check) {
    for (Map.Entry<Metric, List<Sample>> e : f.samples().entrySet()) {
      Optional<Finding> found = check.check(e.getKey(), e.getValue());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static SensorStatus status(SensorFacts f, Finding found) {
    return new SensorStatus(f.sensor(), f.kecamatan(), found.state(), found.reason(), found.since(), found.detail(),
        f.newestTs());
  }
}
