package id.pantau.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's SSE fan-out step: for each count of screens, {@link SseScreens} on the stream with
 * the wall's subscription (the configured query) and, as the baseline in the same run, on the
 * whole-view stream, each in identity and gzip, while the simulator feeds ingest. Before them,
 * the same window with no screen: the server's CPU, heap and database work per tick without
 * screens, which the screens' are judged against.
 */
final class SseStep {
  static final String STREAM = "/api/v1/stream";
  private static final int WARMUP_SECONDS = 5;

  /** One configuration's run: its client figures and what the server spent meanwhile. */
  record Run(String stream, String encoding, SseScreens.Result client, ServerMeter.Usage server) {
  }

  private final BenchmarkServer bench;
  private final int[] counts;
  private final String query;
  private final int seconds;
  private final double ingestMessagesPerSecond;
  private final PrintStream out;
  private final List<String> notes;

  SseStep(BenchmarkServer bench, int[] counts, String query, int seconds, double ingestMessagesPerSecond,
          PrintStream out, List<String> notes) {
    this.bench = bench;
    this.counts = counts;
    this.query = query;
    this.seconds = seconds;
    this.ingestMessagesPerSecond = ingestMessagesPerSecond;
    this.out = out;
    this.notes = notes;
  }

  List<Figure> run() throws Exception {
    out.printf("%n[sse] SSE screens in a child JVM reading %s%s and, as the baseline, %s (whole views), identity and"
        + " gzip; %d s warm-up + %d s measured per run; simulator publishing %,.0f msg/s x 100 readings; load %s%n",
        STREAM, query, STREAM, WARMUP_SECONDS, seconds, ingestMessagesPerSecond, Machine.loadAverage());
    out.println("  bytes: every screen's; events and lag: " + SseClient.PARSED + " screens' per run (spread evenly),"
        + " lag from the first of them receiving an event id to each receiving it (client clock);"
        + " DB: pg_stat_database commits and rows returned per snapshot tick, all sessions (ingest included)");
    List<Figure> figures = new ArrayList<>();
    try (IngestFeed feed = IngestFeed.start(bench, ingestMessagesPerSecond, out)) {
      // the first snapshots with data, and the feed past its start (its clients' connections, the JIT)
      Thread.sleep((3 + WARMUP_SECONDS) * 1000L);
      ServerMeter meter = new ServerMeter(bench);
      ServerMeter.Usage idle = idle(meter);
      out.println(SseTable.header());
      out.println(SseTable.idle("before", idle));
      long limit = Machine.openFileLimit();
      for (int n : counts) {
        if (n + 2_000 > limit) {
          notes.add(String.format("%,d SSE screens not tried: the open-file limit is %,d", n, limit));
          continue;
        }
        List<Run> runs = new ArrayList<>();
        for (String stream : streams()) {
          for (String encoding : new String[] {"identity", "gzip"}) {
            Run r = measure(meter, stream, encoding, n);
            out.println(SseTable.row(r, idle));
            runs.add(r);
          }
        }
        figures.addAll(SseTable.figures(runs, idle));
      }
      // the views' queries read more rows as the feed's data grows: no screens again, to tell time from screens
      ServerMeter.Usage after = idle(meter);
      out.println(SseTable.idle("after", after));
      figures.add(Figure.ratio("SSE: DB commits per tick, no screen, after the runs", after.commitsPerTick(), "commits",
          "before", idle.commitsPerTick(), null, String.format("rows returned/tick %,.0f vs %,.0f before",
              after.rowsPerTick(), idle.rowsPerTick())));
    }
    out.println("  load after the step: " + Machine.loadAverage());
    return figures;
  }

  /** A window as long as a run's with no screen open. */
  private ServerMeter.Usage idle(ServerMeter meter) throws Exception {
    ServerMeter.Sample from = meter.sample(false);
    Thread.sleep(seconds * 1000L);
    return ServerMeter.Usage.between(from, meter.sample(true));
  }

  private List<String> streams() {
    return query.isEmpty() ? List.of(STREAM) : List.of(STREAM + query, STREAM);
  }

  private Run measure(ServerMeter meter, String stream, String encoding, int n) throws Exception {
    ServerMeter.Sample[] window = new ServerMeter.Sample[2];
    SseScreens.Result client = SseScreens.run(bench.server().httpPort(), stream, encoding, n, WARMUP_SECONDS, seconds,
        new SseScreens.Window() {
          @Override
          public void measuring() throws Exception {
            window[0] = meter.sample(false);
          }

          @Override
          public void measured() throws Exception {
            window[1] = meter.sample(true);
          }
        });
    return new Run(stream, encoding, client, ServerMeter.Usage.between(window[0], window[1]));
  }
}
