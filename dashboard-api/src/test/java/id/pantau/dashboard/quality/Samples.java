package id.pantau.dashboard.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Readings at real timings for the detector tests. */
final class Samples {
  static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

  private Samples() {
  }

  /** One reading every {@code every} from {@link #T0}, with these values. */
  static List<Sample> every(Duration every, double... values) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Sample(T0.plus(every.multipliedBy(i)), values[i], false));
    }
    return out;
  }

  static List<Sample> constant(Duration every, int n, double value) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, value);
    return every(every, values);
  }

  static List<Sample> then(List<Sample> first, List<Sample> after) {
    List<Sample> out = new ArrayList<>(first);
    Instant last = first.get(first.size() - 1).ts();
    Duration shift = Duration.between(T0, last);
    after.forEach(s -> out.add(new Sample(s.ts().plus(shift).plusSeconds(60), s.value(), s.flagged())));
    return out;
  }
}
