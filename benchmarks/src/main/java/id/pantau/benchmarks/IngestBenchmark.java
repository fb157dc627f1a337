package id.pantau.benchmarks;

import id.pantau.auth.PasswordHasher;
import id.pantau.config.ConfigTree;
import id.pantau.ingest.app.PantauMain;
import id.pantau.ingest.app.PantauServer;
import id.pantau.store.GatewayStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * The first end-to-end ingest measurement and its ceiling, in one run on one machine:
 * durable MQTT ingest (PUBACK after commit) against binary COPY into the same table.
 * Ratios travel between machines; absolute figures on shared 2-core machines do not.
 */
public final class IngestBenchmark {
  private static final String PASSWORD = "benchmark-secret";

  private IngestBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.print(IngestOptions.HELP);
      return;
    }
    IngestOptions options;
    try {
      options = IngestOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path work = Files.createTempDirectory("pantau-bench");
    boolean lossless = false;
    try (PantauServer server = PantauServer.start(config(options, work))) {
      DataSource ds = server.database().dataSource();
      truncate(ds);
      List<String> gateways = createGateways(ds, options.gateways());
      Result ingest = runIngest(server, gateways, options);
      long stored = count(ds, "SELECT count(*) FROM reading");
      long rolledUp = count(ds, "SELECT coalesce(sum(count), 0) FROM rollup_1m");
      truncateReadings(ds);
      double copyRate = CopyBaseline.run(ds, ingest.totalAckedReadings, 50_000, options.gateways() * 25);
      truncateReadings(ds);
      double parallelCopyRate = CopyBaseline.run(ds, ingest.totalAckedReadings, 50_000, options.gateways() * 25,
          options.writers());
      lossless = print(options, args, ds, ingest, stored, rolledUp, copyRate, parallelCopyRate);
    } finally {
      deleteRecursively(work);
    }
    if (!lossless) {
      System.exit(1);
    }
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static ConfigTree config(IngestOptions o, Path work) throws Exception {
    ConfigTree c = ConfigTree.of(PantauMain.defaults())
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("http.port", 0)
        .with("security.passwordIterations", 1000)
        .with("gateways.provisionDefaults", false)
        .with("gateways.credentialsDir", work.resolve("credentials").toString())
        .with("database.embeddedDataDir", work.resolve("postgres").toString())
        .with("ingest.writers", o.writers())
        .with("mqtt.receiveMaximum", Math.max(128, o.inflight()));
    if (o.jdbcUrl() != null) {
      c = c.with("database.url", o.jdbcUrl()).with("database.user", o.jdbcUser()).with("database.password", o.jdbcPassword());
    }
    return c;
  }

  private record Result(double readingsPerSecond, double messagesPerSecond, Histogram latency,
                        long totalAckedReadings, long totalAckedMessages) {
  }

  private static Result runIngest(PantauServer server, List<String> gatewayIds, IngestOptions o) throws Exception {
    Vertx clients = Vertx.vertx();
    try {
      List<LoadGateway> gateways = new ArrayList<>();
      List<Future<Void>> started = new ArrayList<>();
      for (String id : gatewayIds) {
        String[] parts = id.split("\\.");
        var g = new LoadGateway(clients, id, PASSWORD, "pantau/v1/" + parts[0] + "/" + parts[1] + "/telemetry",
            o.readingsPerMessage(), o.inflight());
        gateways.add(g);
        started.add(g.start("127.0.0.1", server.mqttPort()));
      }
      Future.all(started).await();
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

  private static void awaitAllAcknowledged(List<LoadGateway> gateways) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (gateways.stream().anyMatch(g -> g.inFlight() > 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
  }

  private static List<String> createGateways(DataSource ds, int n) throws SQLException {
    Map<Integer, String> kecamatan = new LinkedHashMap<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT k.id, c.slug || '.' || k.slug FROM kecamatan k JOIN city c ON c.id = k.city_id ORDER BY k.id")) {
      while (rs.next()) {
        kecamatan.put(rs.getInt(1), rs.getString(2));
      }
    }
    var store = new GatewayStore(ds);
    String hash = new PasswordHasher(1000).hash(PASSWORD);
    List<Integer> ids = new ArrayList<>(kecamatan.keySet());
    List<String> gateways = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int kecamatanId = ids.get(i % ids.size());
      String gatewayId = kecamatan.get(kecamatanId) + ".bench" + i;
      store.upsert(gatewayId, kecamatanId, hash);
      gateways.add(gatewayId);
    }
    return gateways;
  }

  private static void truncate(DataSource ds) throws SQLException {
    execute(ds, "TRUNCATE reading, ingest_batch, rollup_1m, latest_value, sensor, dead_letter");
  }

  private static void truncateReadings(DataSource ds) throws SQLException {
    execute(ds, "TRUNCATE reading");
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String postgresVersion(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** @return whether nothing acknowledged was lost */
  private static boolean print(IngestOptions o, String[] args, DataSource ds, Result r, long stored, long rolledUp,
                            double copyRate, double parallelCopyRate) throws SQLException {
    Histogram h = r.latency();
    boolean lossless = stored == r.totalAckedReadings() && rolledUp == r.totalAckedReadings();
    System.out.println();
    System.out.println("== Pantau end-to-end ingest benchmark ==");
    System.out.printf("command   : java -jar benchmarks/target/pantau-benchmarks.jar %s%n", String.join(" ", args));
    System.out.printf("machine   : %d cores, JDK %s, max heap %d MiB, PostgreSQL %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, postgresVersion(ds));
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
