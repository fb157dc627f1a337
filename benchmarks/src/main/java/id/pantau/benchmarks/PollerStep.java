package id.pantau.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's pollers step: for each count of screens, open-loop pollers ({@link OpenLoopPollers})
 * on the trivial endpoint (the baseline, same run), then on the kecamatan view without and with
 * gzip, while the simulator publishes so that the view changes as under live data.
 */
final class PollerStep {
  private static final int WARMUP_SECONDS = 5;
  private static final String BASELINE = "/api/v1/health/live";
  private static final String VIEW = "/api/v1/kecamatan";

  private final BenchmarkServer bench;
  private final int[] counts;
  private final int seconds;
  private final double ingestMessagesPerSecond;
  private final PrintStream out;

  PollerStep(BenchmarkServer bench, int[] counts, int seconds, double ingestMessagesPerSecond, PrintStream out) {
    this.bench = bench;
    this.counts = counts;
    this.seconds = seconds;
    this.ingestMessagesPerSecond = ingestMessagesPerSecond;
    this.out = out;
  }

  List<Figure> run() throws Exception {
    out.printf("%n[pollers] open loop, clients in a child JVM: each connection one GET a second at staggered times,"
        + " If-None-Match once it has an ETag; %d s warm-up + %d s measured per run; simulator publishing %,.0f msg/s"
        + " x 100 readings meanwhile; load %s%n", WARMUP_SECONDS, seconds, ingestMessagesPerSecond, Machine.loadAverage());
    List<Figure> figures = new ArrayList<>();
    try (IngestFeed feed = IngestFeed.start(bench, ingestMessagesPerSecond, out)) {
      Thread.sleep(3000); // the first snapshots with data
      out.printf("  %-7s %-24s %-8s %9s %9s %9s %7s %12s %9s %9s%n", "screens", "endpoint", "encoding", "p50 ms",
          "p99 ms", "p99.9 ms", "304", "B/screen/s", "client", "server");
      for (int n : counts) {
        OpenLoopPollers.Result base = measure(BASELINE, "identity", n);
        OpenLoopPollers.Result plain = measure(VIEW, "identity", n);
        OpenLoopPollers.Result gzip = measure(VIEW, "gzip", n);
        String at = String.format("%,d pollers", n);
        figures.add(Figure.ratio(at + ": " + VIEW + " gzip p99", gzip.p99Ms(), "ms", BASELINE + " p99", base.p99Ms(),
            null, String.format("p50 %.2f vs %.2f ms, p99.9 %.1f vs %.1f ms", gzip.p50Ms(), base.p50Ms(), gzip.p999Ms(),
                base.p999Ms())));
        figures.add(Figure.ratio(at + ": " + VIEW + " identity p99", plain.p99Ms(), "ms", BASELINE + " p99",
            base.p99Ms(), null, String.format("p50 %.2f ms, p99.9 %.1f ms", plain.p50Ms(), plain.p999Ms())));
        figures.add(Figure.ratio(at + ": bytes/screen/s, gzip", gzip.bytesPerScreenPerSecond(), "B/s", "identity",
            plain.bytesPerScreenPerSecond(), null, String.format("304 in %.1f%% of polls", 100 * gzip.notModifiedShare())));
        figures.add(Figure.ratio(at + ": server JVM CPU, gzip", gzip.serverJvmCpuCores(), "cores", "identity",
            plain.serverJvmCpuCores(), null, "the server's JVM; the ingest feed runs in its own"));
        figures.add(Figure.of(at + ": poller client CPU", gzip.clientCpuCores(), "cores",
            String.format("identity %.2f, baseline %.2f: the client is %s", plain.clientCpuCores(),
                base.clientCpuCores(), gzip.clientCpuCores() < 0.5 ? "not the bottleneck" : "busy")));
      }
    }
    return figures;
  }

  private OpenLoopPollers.Result measure(String path, String encoding, int n) throws Exception {
    OpenLoopPollers.Result r = OpenLoopPollers.run(bench.server().httpPort(), path, encoding, n, WARMUP_SECONDS, seconds);
    out.printf("  %,7d %-24s %-8s %9.2f %9.2f %9.2f %6.1f%% %,12.0f %8.2fc %8.2fc%s%n", n, path, encoding, r.p50Ms(),
        r.p99Ms(), r.p999Ms(), 100 * r.notModifiedShare(), r.bytesPerScreenPerSecond(), r.clientCpuCores(),
        r.serverJvmCpuCores(), r.failed() > 0 ? String.format("  %,d FAILED", r.failed()) : "");
    return r;
  }
}
