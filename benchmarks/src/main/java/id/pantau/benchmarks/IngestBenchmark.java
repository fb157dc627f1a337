package id.pantau.benchmarks;

import id.pantau.simulator.cli.Cli;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The first end-to-end ingest measurement and its ceiling, in one run on one machine:
 * durable MQTT ingest (PUBACK after commit) against binary COPY into the same table.
 * Ratios travel between machines; absolute figures on shared 2-core machines do not.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    IngestOptions options = new IngestOptions();
    Cli.parseOrExit(options, args, options::validate);
    boolean lossless;
    try (BenchmarkServer bench = new BenchmarkServer(options.writers(), Math.max(128, options.inflight()),
        options.database())) {
      List<String> gateways = bench.createGateways(options.gateways());
      Result ingest = runIngest(bench, gateways, options);
      long stored = bench.count("SELECT count(*) FROM reading");
      long rolledUp = bench.count("SELECT coalesce(sum(count), 0) FROM rollup_1m");
      bench.execute("TRUNCATE reading");
      double copyRate = CopyBaseline.run(bench.db(), ingest.totalAckedReadings, 50_000, options.gateways() * 25);
      bench.execute("TRUNCATE reading");
      double parallelCopyRate = CopyBaseline.run(bench.db(), ingest.totalAckedReadings, 50_000, options.gateways() * 25,
          options.writers());
      lossless = print(options, args, bench.databaseVersion(), ingest, stored, rolledUp, copyRate, parallelCopyRate);
    }
    if (!lossless) {
      System.exit(1);
    }
  }

  private record Result(double readingsPerSecond, double messagesPerSecond, Histogram latency,
                        long totalAckedReadings, long totalAckedMessages) {
  }

  private static Result runIngest(BenchmarkServer bench, List<String> gatewayIds, IngestOptions o) throws Exception {
    Vertx clients = Vertx.vertx();
    try {
      List<LoadGateway> gateways = bench.startLoad(clients, gatewayIds, o.readingsPerMessage(), o.inflight());
      System.out.printf("warming up %d s with %d gateways ...%n", o.warmup().toSeconds(), gateways.size());
      Thread.sleep(o.warmup().toMillis());
      gateways.forEach(g -> g.measure(true));
      long start = System.nanoTime();
      System.out.printf("measuring %d s ...%n", o.duration().toSeconds());
      Thread.sleep(o.duration().toMillis());
      gateways.forEach(g -> g.measure(false));
      double seconds = (System.nanoTime() - start) / 1e9;
      gateways.forEach(LoadGateway::stop);
      awaitAllAcknowledged(gateways);
      Future.all(gateways.stream().map(LoadGateway::disconnect).toList()).await();
      Histogram latency = new Histogram(60_000_000_000L, 3);
      long readings = 0;
      long messages = 0;
      long totalReadings = 0;
      long totalMessages = 0;
      for (LoadGateway g : gateways) {
        latency.add(g.latency);
        readings += g.measuredReadings;
        messages += g.measuredMessages;
        totalReadings += g.ackedReadings;
        totalMessages += g.ackedMessages;
      }
      return new Result(readings / seconds, messages / seconds, latency, totalReadings, totalMessages);
    } finally {
      clients.close().await();
    }
  }

  static void awaitAllAcknowledged(List<LoadGateway> gateways) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (gateways.stream().anyMatch(g -> g.inFlight() > 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  /** @return whether nothing acknowledged was lost */
  private static boolean print(IngestOptions o, String[] args, String postgres, Result r, long stored, long rolledUp,
                               double copyRate, double parallelCopyRate) {
    Histogram h = r.latency();
    boolean lossless = stored == r.totalAckedReadings() && rolledUp == r.totalAckedReadings();
    System.out.println();
    System.out.println("== Pantau end-to-end ingest benchmark ==");
    System.out.printf("command   : java -cp benchmarks/target/pantau-benchmarks.jar id.pantau.benchmarks.IngestBenchmark %s%n", String.join(" ", args));
    System.out.printf("machine   : %d cores, JDK %s, max heap %d MiB, PostgreSQL %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, postgres);
    System.out.printf("load      : %d gateways, %d readings/message, %d in flight each, QoS 1, MQTT 3.1.1, %d s measured%n",
        o.gateways(), o.readingsPerMessage(), o.inflight(), o.duration().toSeconds());
    System.out.printf("ingest    : %,.0f readings/s  %,.0f messages/s%n", r.readingsPerSecond(), r.messagesPerSecond());
    System.out.printf("PUBACK    : p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms  (%,d samples)%n",
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6,
        h.getMaxValue() / 1e6, h.getTotalCount());
    System.out.printf("zero loss : %s (acked readings %,d; stored rows %,d; rolled up %,d)%n",
        lossless ? "yes" : "NO", r.totalAckedReadings(), stored, rolledUp);
    System.out.printf("COPY      : %,.0f rows/s (binary COPY, one connection, 50,000-row commits, same table)%n", copyRate);
    System.out.printf("COPY x%d   : %,.0f rows/s (the same rows over %d parallel connections, as many as the ingest writers)%n",
        o.writers(), parallelCopyRate, o.writers());
    System.out.printf("ratio     : ingest / COPY = %.2f   ingest / COPY x%d = %.2f%n", r.readingsPerSecond() / copyRate,
        o.writers(), r.readingsPerSecond() / parallelCopyRate);
    return lossless;
  }
}
