package id.pantau.jmh;

import id.pantau.wire.BatchId;
import id.pantau.wire.DecodeLimits;
import id.pantau.wire.Metric;
import id.pantau.wire.RejectedException;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryDecoder;
import id.pantau.wire.TelemetryEncoder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding and validating a telemetry payload: the first thing every message costs on the
 * event loop. Payloads are what a gateway sends (realistic ids, metrics and timestamps).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class DecodeBenchmark {
  private static final Metric[] METRICS = {Metric.PM25, Metric.PM10, Metric.NO2, Metric.TRAFFIC_COUNT,
      Metric.WATER_LEVEL_CM, Metric.TEMPERATURE_C};

  @Param({"1", "100", "1000"})
  public int readings;

  private byte[] payload;
  private TelemetryDecoder decoder;
  private long now;

  @Setup
  public void encode() {
    now = System.currentTimeMillis();
    TelemetryBatch.Builder b = TelemetryBatch.builder(readings);
    for (int i = 0; i < readings; i++) {
      b.add(String.format("aq-coblong-%02d", i % 40), METRICS[i % METRICS.length], now - 60_000 + i, 20 + i % 50 + 0.5);
    }
    payload = TelemetryEncoder.encode(b.build(new BatchId("bandung.coblong.gw1", now / 1000, 42)));
    decoder = new TelemetryDecoder(DecodeLimits.protocolDefaults(Duration.ofDays(30)));
  }

  @Benchmark
  public TelemetryBatch decode() throws RejectedException {
    return decoder.decode(payload, "bandung.coblong.gw1", now);
  }
}
