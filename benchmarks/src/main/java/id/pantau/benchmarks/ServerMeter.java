package id.pantau.benchmarks;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * What the server spends, read from this JVM (the server runs in it, with the ingest
 * simulator) and from PostgreSQL: JVM CPU, used heap after a full GC, the snapshot ticker's
 * computations and the streams' superseded events (both from {@code GET /api/v1/health}), and
 * the database's committed transactions and rows returned ({@code pg_stat_database}, every
 * session's: the ingest feed's writes too). pg_stat_statements needs a preload library the
 * embedded PostgreSQL does not have, hence the database-wide counters.
 */
final class ServerMeter {
  /** Counters at one moment; {@code heapMiB} is NaN unless a GC was asked for. */
  record Sample(long nanos, long cpuNanos, long ticks, long superseded, long commits, long rowsReturned,
                double heapMiB) {
  }

  /** Between two samples: per second, and per snapshot tick for the database. */
  record Usage(double seconds, double serverCores, long ticks, double commitsPerTick, double rowsPerTick,
               long superseded, double heapMiB) {
    static Usage between(Sample a, Sample b) {
      double seconds = (b.nanos() - a.nanos()) / 1e9;
      long ticks = b.ticks() - a.ticks();
      return new Usage(seconds, (b.cpuNanos() - a.cpuNanos()) / 1e9 / seconds, ticks,
          ticks == 0 ? Double.NaN : (b.commits() - a.commits()) / (double) ticks,
          ticks == 0 ? Double.NaN : (b.rowsReturned() - a.rowsReturned()) / (double) ticks,
          b.superseded() - a.superseded(), b.heapMiB());
    }
  }

  private final BenchmarkServer bench;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServerMeter(BenchmarkServer bench) {
    this.bench = bench;
  }

  /** @param gc whether to collect first and read the heap (a pause for the server: only at a window's end) */
  Sample sample(boolean gc) throws Exception {
    long nanos = System.nanoTime();
    long cpu = cpuNanos();
    JsonObject api = health().getJsonObject("api", new JsonObject());
    long ticks = api.getLong("snapshotComputations", 0L);
    long superseded = api.getJsonObject("streams", new JsonObject()).getLong("supersededEvents", 0L);
    long commits;
    long rows;
    try (Connection c = bench.db().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT xact_commit, tup_returned FROM pg_stat_database WHERE datname = current_database()")) {
      rs.next();
      commits = rs.getLong(1);
      rows = rs.getLong(2);
    }
    double heap = Double.NaN;
    if (gc) {
      System.gc();
      Thread.sleep(200);
      heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
    return new Sample(nanos, cpu, ticks, superseded, commits, rows, heap);
  }

  private JsonObject health() throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bench.server().httpPort() + "/api/v1/health"))
        .timeout(Duration.ofSeconds(10)).build();
    return new JsonObject(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
  }

  private static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
