package id.pantau.dashboard.testing;

import id.pantau.wire.BatchId;
import id.pantau.wire.Metric;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryEncoder;

/** Protocol v1 payloads for tests, built with the production encoder (as the server's tests' Payloads). */
public final class Batches {
  private Batches() {
  }

  /** {@code n} pm25 readings of {@code sensor}, values {@code first, first+1, ...}, a second ago and after. */
  public static byte[] pm25(String gateway, long boot, long seq, String sensor, int n, int first) {
    long firstTs = System.currentTimeMillis() - 1000;
    TelemetryBatch.Builder b = TelemetryBatch.builder(n);
    for (int i = 0; i < n; i++) {
      b.add(sensor, Metric.PM25, firstTs + i, first + i);
    }
    return TelemetryEncoder.encode(b.build(new BatchId(gateway, boot, seq)));
  }
}
