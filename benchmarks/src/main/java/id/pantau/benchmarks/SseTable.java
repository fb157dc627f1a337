package id.pantau.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The SSE step's printed table and its figures, from runs already measured: formatting only. */
final class SseTable {
  private static final String ROW = "  %,7d %-10s %-8s %,11.0f %7.2f %8.1f %8.1f %8.1f %7.2fc %9.3fc %+8.1f %7.2fc %9.1f %,10.0f %s";

  private SseTable() {
  }

  static String header() {
    return String.format("  %-7s %-10s %-8s %11s %7s %8s %8s %8s %8s %10s %8s %8s %9s %10s", "screens", "stream",
        "encoding", "B/screen/s", "ev/s", "lag p50", "lag p99", "p99.9 ms", "server", "per 1,000", "heap MiB",
        "client", "DB c/tick", "rows/tick");
  }

  /** A window with no screen ({@code when}: before or after the runs): server CPU, heap and database work per tick. */
  static String idle(String when, ServerMeter.Usage idle) {
    return String.format("  %,7d %-10s %-8s %11s %7s %8s %8s %8s %7.2fc %10s %8.0f %8s %9.1f %,10.0f  (%d ticks)", 0,
        when, "-", "-", "-", "-", "-", "-", idle.serverCores(), "-", idle.heapMiB(), "-",
        idle.commitsPerTick(), idle.rowsPerTick(), idle.ticks());
  }

  /** {@code whole} for the stream without a query, {@code subscribed} for the configured query. */
  static String label(SseStep.Run r) {
    return r.stream().equals(SseStep.STREAM) ? "whole" : "subscribed";
  }

  /** Heap is the growth over the no-screen window, after a full GC each time; per 1,000 is over the idle CPU. */
  static String row(SseStep.Run r, ServerMeter.Usage idle) {
    SseScreens.Result c = r.client();
    ServerMeter.Usage s = r.server();
    String trouble = (c.failed() > 0 ? String.format(" %,d FAILED", c.failed()) : "")
        + (c.closed() > 0 ? String.format(" %,d CLOSED", c.closed()) : "")
        + (s.superseded() > 0 ? String.format(" %,d superseded", s.superseded()) : "");
    return String.format(ROW, c.connections(), label(r), r.encoding(), c.bytesPerScreenPerSecond(),
        c.eventsPerScreenPerSecond(), c.lagP50Ms(), c.lagP99Ms(), c.lagP999Ms(), s.serverCores(),
        perThousand(r, idle), s.heapMiB() - idle.heapMiB(), c.clientCpuCores(), s.commitsPerTick(), s.rowsPerTick(),
        trouble).stripTrailing();
  }

  /** Server cores per 1,000 screens: the run's server JVM CPU less the no-screen window's, scaled. */
  static double perThousand(SseStep.Run r, ServerMeter.Usage idle) {
    return (r.server().serverCores() - idle.serverCores()) * 1000.0 / r.client().connections();
  }

  /** Per run: bytes against the whole-view identity stream, lag, server CPU and heap, database work per tick. */
  static List<Figure> figures(List<SseStep.Run> runs, ServerMeter.Usage idle) {
    SseStep.Run whole = runs.stream().filter(r -> r.stream().equals(SseStep.STREAM) && r.encoding().equals("identity"))
        .findFirst().orElse(runs.get(0));
    List<Figure> figures = new ArrayList<>();
    for (SseStep.Run r : runs) {
      SseScreens.Result c = r.client();
      ServerMeter.Usage s = r.server();
      String at = String.format("%,d SSE %s %s", c.connections(), label(r), r.encoding());
      figures.add(Figure.ratio(at + ": bytes/screen/s", c.bytesPerScreenPerSecond(), "B/s", "whole identity",
          whole.client().bytesPerScreenPerSecond(), null, String.format("%.2f events/screen/s", c.eventsPerScreenPerSecond())));
      figures.add(Figure.of(at + ": delivery lag p99", c.lagP99Ms(), "ms", String.format("p50 %.1f, p99.9 %.1f ms;"
          + " first screen to each screen", c.lagP50Ms(), c.lagP999Ms())));
      figures.add(Figure.of(at + ": server CPU per 1,000 screens", perThousand(r, idle), "cores", String.format(
          "%.2f cores vs %.2f with no screen; client %.2f cores", s.serverCores(), idle.serverCores(), c.clientCpuCores())));
      figures.add(Figure.ratio(at + ": heap after GC", s.heapMiB(), "MiB", "no screen", idle.heapMiB(), null, null));
      figures.add(Figure.ratio(at + ": DB commits per tick", s.commitsPerTick(), "commits", "no screen",
          idle.commitsPerTick(), null, String.format("rows returned/tick %,.0f vs %,.0f; pg_stat_database, ingest included",
              s.rowsPerTick(), idle.rowsPerTick())));
    }
    return figures;
  }
}
