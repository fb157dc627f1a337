package id.pantau.simulator.verify;

import id.pantau.wire.TelemetryBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The readings of a set of batches as sorted timestamps per (sensor, metric). Within a run a
 * slot never repeats a timestamp, so (sensor, metric, ts) names one reading.
 */
final class ReadingKeys {
  private final Map<String, long[]> bySlot = new HashMap<>();
  private long count;

  ReadingKeys(List<TelemetryBatch> batches) {
    Map<String, long[]> growing = new HashMap<>();
    Map<String, Integer> sizes = new HashMap<>();
    for (TelemetryBatch b : batches) {
      for (int i = 0; i < b.size(); i++) {
        String slot = slot(b.sensor(i), b.metric(i).wireName());
        long[] ts = growing.computeIfAbsent(slot, k -> new long[16]);
        int n = sizes.getOrDefault(slot, 0);
        if (n == ts.length) {
          ts = Arrays.copyOf(ts, n * 2);
          growing.put(slot, ts);
        }
        ts[n] = b.timestamp(i);
        sizes.put(slot, n + 1);
      }
    }
    growing.forEach((slot, ts) -> {
      long[] exact = Arrays.copyOf(ts, sizes.get(slot));
      Arrays.sort(exact);
      bySlot.put(slot, exact);
      count += exact.length;
    });
  }

  static String slot(String sensor, String metric) {
    return sensor + "/" + metric;
  }

  long count() {
    return count;
  }

  Map<String, long[]> bySlot() {
    return bySlot;
  }

  /** Index of the timestamp in its slot, or -1. */
  int indexOf(String slot, long ts) {
    long[] all = bySlot.get(slot);
    if (all == null) {
      return -1;
    }
    int i = Arrays.binarySearch(all, ts);
    return i >= 0 ? i : -1;
  }
}
