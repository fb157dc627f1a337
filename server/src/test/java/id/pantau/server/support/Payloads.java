package id.pantau.server.support;

import id.pantau.wire.BatchId;
import id.pantau.wire.Metric;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryEncoder;
import java.nio.charset.StandardCharsets;

/** Protocol v1 payloads for tests, built with the production encoder. */
public final class Payloads {
  private Payloads() {
  }

  public static String topic(String city, String kecamatan, String kind) {
    return "pantau/v1/" + city + "/" + kecamatan + "/" + kind;
  }

  /**
   * {@code n} pm25 readings of sensor {@code sensor}, values {@code first, first+1, ...}, recent timestamps.
   * Values above 1000 are outside pm25's plausible range: stored flagged, in no rollup or latest value.
   */
  public static byte[] telemetry(String gateway, long boot, long seq, String sensor, int n, int first) {
    return telemetryAt(gateway, boot, seq, sensor, n, first, System.currentTimeMillis() - 1000);
  }

  /** As {@link #telemetry}, with the readings at {@code firstTs}, {@code firstTs + 1}, ... ms. */
  public static byte[] telemetryAt(String gateway, long boot, long seq, String sensor, int n, int first, long firstTs) {
    TelemetryBatch.Builder b = TelemetryBatch.builder(n);
    for (int i = 0; i < n; i++) {
      b.add(sensor, Metric.PM25, firstTs + i, first + i);
    }
    return TelemetryEncoder.encode(b.build(new BatchId(gateway, boot, seq)));
  }

  /** {@code n} pm25 readings of {@code sensor}, {@code stepMs} apart from {@code firstTs}, values {@code first, first+1, ...}. */
  public static byte[] telemetryEvery(String gateway, long boot, long seq, String sensor, long firstTs, long stepMs, int n,
                                      int first) {
    TelemetryBatch.Builder b = TelemetryBatch.builder(n);
    for (int i = 0; i < n; i++) {
      b.add(sensor, Metric.PM25, firstTs + i * stepMs, first + i);
    }
    return TelemetryEncoder.encode(b.build(new BatchId(gateway, boot, seq)));
  }

  public static byte[] json(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
