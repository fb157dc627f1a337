package id.pantau.server.support;

import id.pantau.auth.PasswordHasher;
import id.pantau.config.ConfigTree;
import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.PantauMain;
import id.pantau.server.PantauServer;
import id.pantau.store.GatewayStore;
import id.pantau.store.testing.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A real Pantau server on the shared test database (see {@link SharedDatabase}), on free ports, with cheap password
 * hashing. Tests create their own gateways with known passwords.
 */
public final class TestServer implements AutoCloseable {
  // sensor stays: the server caches sensor ids, as it may (sensors are never deleted while it runs).
  // A sensor belongs to the kecamatan that first reported it, so tests use each sensor id from one
  // kecamatan only (SensorOwnershipIT relies on that rule being enforced).

  private final ConfigTree config;
  private PantauServer server;

  private TestServer(ConfigTree config) throws Exception {
    this.config = config;
    this.server = PantauServer.start(config);
  }

  public static TestServer start() throws Exception {
    return start(Map.of());
  }

  public static TestServer start(Map<String, Object> overrides) throws Exception {
    ConfigTree c = ConfigTree.of(PantauMain.defaults())
        .with("database.url", SharedDatabase.jdbcUrl()).with("database.user", SharedDatabase.user())
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("mqtt.instances", 2)
        .with("http.host", "127.0.0.1").with("http.port", 0).with("http.snapshotInterval", "200ms")
        // tests ask from one address at machine speed; the ITs of the budget itself set it back
        .with("http.requestBudget.perSecond", 0)
        // tests send readings seconds apart whose jumps (a river 117 cm down within seconds) no river
        // could make, to walk a KPI through its levels; SensorHealthIT sets the spike check back
        .with("sensorHealth.spikeSettleReadings", 0)
        // every tick, so a test sees the states of what it just sent
        .with("sensorHealth.interval", "0s")
        .with("security.passwordIterations", 1000)
        .with("gateways.provisionDefaults", false)
        .with("gateways.credentialsDir", Files.createTempDirectory("it-credentials").toString());
    if (SharedDatabase.password() != null) {
      c = c.with("database.password", SharedDatabase.password());
    }
    for (var e : overrides.entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    return new TestServer(c);
  }

  /** Stops the server and starts a new one on the same database (the ports change). */
  public void restart() throws Exception {
    server.close();
    server = PantauServer.start(config);
  }

  /** Stops the server, for tests that watch what clients do while it is away; {@link #startAgain()} brings it back. */
  public void stopForNow() {
    server.close();
  }

  /** A query on a connection of its own, for when the server (and its pool) is stopped. */
  public String textWhileStopped(String sql, Object... params) throws SQLException {
    try (Connection c = java.sql.DriverManager.getConnection(config.string("database.url"),
        config.optionalString("database.user"), config.optionalString("database.password"));
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void startAgain() throws Exception {
    server = PantauServer.start(config);
  }

  public int mqttPort() {
    return server.mqttPort();
  }

  public int httpPort() {
    return server.httpPort();
  }

  public PantauServer server() {
    return server;
  }

  public DataSource db() {
    return server.database().dataSource();
  }

  /**
   * Empties the data tables; cities, kecamatan and metrics stay. The server keeps each city's
   * latest KPIs in memory and its alert engine judges them on a schedule of its own, so a pass
   * could open the previous test's alert again from KPIs computed before the tables were emptied.
   * Hence: wait for a snapshot tick and then an alert pass that both began after the truncation,
   * and empty what an earlier pass may have written meanwhile.
   */
  public void truncate() throws Exception {
    SharedDatabase.emptyData(db());
    boolean servesTheApi = !config.string("role").equals("ingest") && httpPort() > 0;
    if (servesTheApi && config.optionalString("http.tls.certificate") == null) {
      long ticks = apiCounter("snapshotComputations");
      Poll.until(() -> apiCounter("snapshotComputations") >= ticks + 2, true);
      long passes = apiCounter("alertEvaluations");
      Poll.until(() -> apiCounter("alertEvaluations") >= passes + 2, true);
      execute("TRUNCATE alert, downlink_delivery, downlink_message");
    }
  }

  private long apiCounter(String name) throws Exception {
    return new io.vertx.core.json.JsonObject(Http.send(httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getLong(name);
  }

  /** Creates (or resets) gateway {@code id} in the kecamatan with this password. */
  public void gateway(String id, String city, String kecamatan, String password) throws SQLException {
    int kecamatanId = (int) number("SELECT k.id FROM kecamatan k JOIN city c ON c.id = k.city_id"
        + " WHERE c.slug = ? AND k.slug = ?", city, kecamatan);
    new GatewayStore(db()).upsert(id, kecamatanId, new PasswordHasher(1000).hash(password));
  }

  public long number(String sql, Object... params) throws SQLException {
    try (Connection c = db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  public String text(String sql, Object... params) throws SQLException {
    try (Connection c = db().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void execute(String sql) throws SQLException {
    try (Connection c = db().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** The operator token the server created on first start (in the credentials folder). */
  public String operatorToken() throws java.io.IOException {
    return token("operator");
  }

  /** The token the server created on first start for a role: screen, operator or admin. */
  public String token(String role) throws java.io.IOException {
    Path file = Path.of(config.string("gateways.credentialsDir")).resolve("api-tokens.csv");
    String prefix = role + "," + role + ",";
    return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
        .substring(prefix.length());
  }

  /** For tests that need their own folder. */
  public static Path tempDir(String prefix) throws Exception {
    return Files.createTempDirectory(prefix);
  }
}
