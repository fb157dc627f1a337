package id.pantau.benchmarks;

import id.pantau.auth.PasswordHasher;
import id.pantau.config.ConfigTree;
import id.pantau.server.PantauMain;
import id.pantau.server.PantauServer;
import id.pantau.store.GatewayStore;
import id.pantau.wire.GatewayTopic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A Pantau server in this JVM for benchmarks: a fresh embedded PostgreSQL in a temporary
 * folder (deleted on close) or a dedicated database by URL, and benchmark gateways spread
 * over the city's kecamatan.
 */
final class BenchmarkServer implements AutoCloseable {
  static final String PASSWORD = "benchmark-secret";

  private final Path work;
  private final PantauServer server;

  private final DatabaseTarget database;

  BenchmarkServer(int writers, int receiveMaximum, DatabaseTarget database) throws Exception {
    this.database = database;
    work = Files.createTempDirectory("pantau-bench");
    ConfigTree c = ConfigTree.of(PantauMain.defaults())
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("http.port", 0)
        .with("security.passwordIterations", 1000)
        .with("gateways.provisionDefaults", false)
        .with("gateways.credentialsDir", work.resolve("credentials").toString())
        .with("database.embeddedDataDir", work.resolve("postgres").toString())
        .with("ingest.writers", writers)
        .with("mqtt.receiveMaximum", receiveMaximum)
        // a load client sends far faster than a gateway: the per-connection flood guard is not what is measured
        .with("mqtt.maxMessagesPerSecond", 10_000_000)
        // wrk asks from one address at machine speed: the per-address budget is not what is measured
        .with("http.requestBudget.perSecond", 0)
        // thousands of SSE screens from one address: the stream's caps are not what is measured
        .with("http.stream.maxConnections", 50_000).with("http.stream.maxConnectionsPerAddress", 50_000)
        .with("mqtt.maxConnectionsPerAddress", 0); // the load clients open thousands of connections from one host
    if (database.external()) {
      c = c.with("database.url", database.url()).with("database.user", database.user())
          .with("database.password", database.password());
    }
    server = PantauServer.start(c);
    // CASCADE: tables that refer to sensors (sensor_maintenance, ...) hold nothing a benchmark needs
    execute("TRUNCATE reading, ingest_batch, rollup_1m, rollup_hour, latest_value, sensor, dead_letter CASCADE");
  }

  PantauServer server() {
    return server;
  }

  DataSource db() {
    return server.database().dataSource();
  }

  /** Creates {@code n} gateways, round-robin over the kecamatan; returns their ids. */
  List<String> createGateways(int n) throws SQLException {
    Map<Integer, String> kecamatan = new LinkedHashMap<>();
    try (Connection c = db().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT k.id, c.slug || '.' || k.slug FROM kecamatan k JOIN city c ON c.id = k.city_id ORDER BY k.id")) {
      while (rs.next()) {
        kecamatan.put(rs.getInt(1), rs.getString(2));
      }
    }
    var store = new GatewayStore(db());
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

  /** {@code {city}.{kec}.gw1} for every kecamatan, as the simulator names its gateways. */
  void createSimulatorGateways() throws SQLException {
    String hash = new PasswordHasher(1000).hash(PASSWORD);
    var store = new GatewayStore(db());
    for (var e : kecamatan().entrySet()) {
      store.upsert(e.getValue() + ".gw1", e.getKey(), hash);
    }
  }

  /** One gateway in the named Bandung kecamatan. */
  void createGateway(String gatewayId, String kecamatanSlug) throws SQLException {
    int id = kecamatan().entrySet().stream().filter(e -> e.getValue().equals("bandung." + kecamatanSlug))
        .findFirst().orElseThrow().getKey();
    new GatewayStore(db()).upsert(gatewayId, id, new PasswordHasher(1000).hash(PASSWORD));
  }

  /** {@code n} gateways for connection-scale tests ({@code {city}.{kec}.c{i}}), sharing one secret. */
  List<String> createConnectionGateways(int n) throws SQLException {
    Map<Integer, String> kecamatan = kecamatan();
    List<Integer> ids = new ArrayList<>(kecamatan.keySet());
    String hash = new PasswordHasher(1000).hash(PASSWORD);
    List<String> gateways = new ArrayList<>();
    try (Connection c = db().getConnection(); var ps = c.prepareStatement(
        "INSERT INTO gateway (id, kecamatan_id, secret_hash) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      for (int i = 0; i < n; i++) {
        int k = ids.get(i % ids.size());
        String id = kecamatan.get(k) + ".c" + i;
        ps.setString(1, id);
        ps.setInt(2, k);
        ps.setString(3, hash);
        ps.addBatch();
        gateways.add(id);
        if (i % 1000 == 999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    return gateways;
  }

  private Map<Integer, String> kecamatan() throws SQLException {
    Map<Integer, String> kecamatan = new LinkedHashMap<>();
    try (Connection c = db().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT k.id, c.slug || '.' || k.slug FROM kecamatan k JOIN city c ON c.id = k.city_id ORDER BY k.id")) {
      while (rs.next()) {
        kecamatan.put(rs.getInt(1), rs.getString(2));
      }
    }
    return kecamatan;
  }

  /** Connects load gateways (closed loop, {@code inflight} messages each) and starts them publishing. */
  List<LoadGateway> startLoad(Vertx clients, List<String> gatewayIds, int readingsPerMessage, int inflight) {
    List<LoadGateway> gateways = new ArrayList<>();
    List<Future<Void>> started = new ArrayList<>();
    for (String id : gatewayIds) {
      String[] parts = id.split("\\.");
      var g = new LoadGateway(clients, id, PASSWORD, GatewayTopic.name(parts[0], parts[1], GatewayTopic.Kind.TELEMETRY),
          readingsPerMessage, inflight);
      gateways.add(g);
      started.add(g.start("127.0.0.1", server.mqttPort()));
    }
    Future.all(started).await();
    return gateways;
  }

  void execute(String sql) throws SQLException {
    try (Connection c = db().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  long count(String sql) throws SQLException {
    try (Connection c = db().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Which database the figures were measured on: PostgreSQL's version, TimescaleDB's when the
   * extension is installed, and whether it was the embedded one or which external one.
   */
  String databaseVersion() throws SQLException {
    String version = text("SHOW server_version");
    String timescale = text("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
    return version + (timescale == null ? "" : ", TimescaleDB " + timescale)
        + (database.external() ? ", external " + server.database().description() : ", embedded");
  }

  /** The database the simulator verifies readings against: the server's own. */
  DatabaseTarget verifyTarget() {
    return database.external() ? database : new DatabaseTarget(server.database().jdbcUrl(), "postgres", "");
  }

  private String text(String sql) throws SQLException {
    try (Connection c = db().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try (var paths = Files.walk(work)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
