package id.pantau.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The suite's mixed step: open-loop pollers ({@link OpenLoopPollers}) on the trivial endpoint
 * (the baseline) and then on the kecamatan view with gzip, while SSE screens ({@link SseScreens},
 * gzip, the configured subscription) stream the whole time and the simulator feeds ingest: does
 * streaming to screens slow the screens that poll?
 */
final class MixedStep {
  private static final int WARMUP_SECONDS = 5;
  private static final String BASELINE = "/api/v1/health/live";
  private static final String VIEW = "/api/v1/kecamatan";
  private static final double POLLER_P99_TARGET_MS = 10;

  private final BenchmarkServer bench;
  private final int screens;
  private final String query;
  private final int seconds;
  private final double ingestMessagesPerSecond;
  private final PrintStream out;

  MixedStep(BenchmarkServer bench, int screens, String query, int seconds, double ingestMessagesPerSecond,
            PrintStream out) {
    this.bench = bench;
    this.screens = screens;
    this.query = query;
    this.seconds = seconds;
    this.ingestMessagesPerSecond = ingestMessagesPerSecond;
    this.out = out;
  }

  List<Figure> run() throws Exception {
    if (2L * screens + 2_000 > Machine.openFileLimit()) {
      out.printf("%n[mixed] skipped: %,d pollers and %,d screens need more than the open-file limit, %,d%n", screens,
          screens, Machine.openFileLimit());
      return List.of();
    }
    out.printf("%n[mixed] %,d open-loop pollers (%s, then %s gzip) while %,d SSE screens stream %s%s gzip, both in"
        + " child JVMs; simulator publishing %,.0f msg/s x 100 readings; load %s%n", screens, BASELINE, VIEW, screens,
        SseStep.STREAM, query, ingestMessagesPerSecond, Machine.loadAverage());
    try (IngestFeed feed = IngestFeed.start(bench, ingestMessagesPerSecond, out)) {
      Thread.sleep(3000);
      CountDownLatch streaming = new CountDownLatch(1);
      CountDownLatch polled = new CountDownLatch(1);
      // about as long as both poller runs; should they take longer, the screens stay open until they are done
      int sseSeconds = 2 * (WARMUP_SECONDS + seconds);
      CompletableFuture<SseScreens.Result> sse = CompletableFuture.supplyAsync(() -> {
        try {
          return SseScreens.run(bench.server().httpPort(), SseStep.STREAM + query, "gzip", screens, WARMUP_SECONDS,
              sseSeconds, new SseScreens.Window() {
                @Override
                public void measuring() {
                  streaming.countDown();
                }

                @Override
                public void measured() throws InterruptedException {
                  polled.await();
                }
              });
        } catch (Exception e) {
          streaming.countDown();
          throw new IllegalStateException(e);
        }
      });
      streaming.await();
      OpenLoopPollers.Result base;
      OpenLoopPollers.Result view;
      try {
        base = poll(BASELINE, "identity");
        view = poll(VIEW, "gzip");
      } finally {
        polled.countDown();
      }
      SseScreens.Result s = sse.get(sseSeconds + 120L, TimeUnit.SECONDS);
      out.printf("  SSE meanwhile: %,.0f B/screen/s, %.2f events/screen/s, lag p50 %.1f p99 %.1f p99.9 %.1f ms, client"
          + " %.2f cores%s; load %s%n", s.bytesPerScreenPerSecond(), s.eventsPerScreenPerSecond(), s.lagP50Ms(),
          s.lagP99Ms(), s.lagP999Ms(), s.clientCpuCores(), s.failed() + s.closed() > 0 ? String.format(", %,d failed or"
              + " closed", s.failed() + s.closed()) : "", Machine.loadAverage());
      return figures(base, view, s);
    }
  }

  private OpenLoopPollers.Result poll(String path, String encoding) throws Exception {
    OpenLoopPollers.Result r = OpenLoopPollers.run(bench.server().httpPort(), path, encoding, screens, WARMUP_SECONDS,
        seconds);
    out.printf("  %,d pollers %-22s %-8s p50 %.2f p99 %.2f p99.9 %.2f ms, %,.0f B/screen/s, client %.2f cores,"
        + " server %.2f cores%s%n", screens, path, encoding, r.p50Ms(), r.p99Ms(), r.p999Ms(),
        r.bytesPerScreenPerSecond(), r.clientCpuCores(), r.serverJvmCpuCores(),
        r.failed() > 0 ? String.format(", %,d FAILED", r.failed()) : "");
    return r;
  }

  private List<Figure> figures(OpenLoopPollers.Result base, OpenLoopPollers.Result view, SseScreens.Result s) {
    String at = String.format("mixed %,d pollers + %,d SSE", screens, screens);
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.bound(at + ": " + VIEW + " gzip poll p99", view.p99Ms(), "ms", POLLER_P99_TARGET_MS,
        String.format("p50 %.2f, p99.9 %.1f ms; %s p99 %.2f (p50 %.2f, p99.9 %.1f) in the same run", view.p50Ms(),
            view.p999Ms(), BASELINE, base.p99Ms(), base.p50Ms(), base.p999Ms())));
    figures.add(Figure.bound(at + ": " + BASELINE + " poll p99", base.p99Ms(), "ms", POLLER_P99_TARGET_MS, null));
    figures.add(Figure.of(at + ": SSE delivery lag p99", s.lagP99Ms(), "ms", String.format("p50 %.1f ms; %,.0f"
        + " B/screen/s; SSE client %.2f cores, poller client %.2f", s.lagP50Ms(), s.bytesPerScreenPerSecond(),
        s.clientCpuCores(), view.clientCpuCores())));
    return figures;
  }
}
