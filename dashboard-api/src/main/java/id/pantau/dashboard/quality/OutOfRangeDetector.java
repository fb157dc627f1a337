package id.pantau.dashboard.quality;

import id.pantau.wire.Metric;
import java.util.List;
import java.util.Optional;

/**
 * A sensor that sent readings outside its plausible range recently (within the health window).
 * Those readings are stored flagged and count for nothing already; this only tells the operator.
 */
public final class OutOfRangeDetector {
  /** @param samples one metric of one sensor, oldest first */
  public Optional<Finding> check(Metric metric, List<Sample> samples) {
    Sample first = null;
    int flagged = 0;
    for (Sample s : samples) {
      if (s.flagged()) {
        first = first == null ? s : first;
        flagged++;
      }
    }
    if (first == null) {
      return Optional.empty();
    }
    return Optional.of(new Finding(SensorState.OUT_OF_RANGE, "out_of_range", first.ts(), flagged + " "
        + metric.wireName() + " reading(s) outside its plausible range since " + first.ts()));
  }
}
