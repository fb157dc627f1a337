package id.pantau.dashboard.testing;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.CityCatalog;
import id.pantau.city.CityDirectory;
import id.pantau.city.CityFiles;
import id.pantau.city.KecamatanRef;
import id.pantau.config.ConfigTree;
import id.pantau.dashboard.http.DashboardVerticle;
import id.pantau.dashboard.http.HealthSource;
import id.pantau.dashboard.http.HttpConfig;
import id.pantau.store.ComplaintStore;
import id.pantau.store.ComplaintWrite;
import id.pantau.store.Database;
import id.pantau.store.DatabaseConfig;
import id.pantau.store.GatewayStore;
import id.pantau.store.MetricIds;
import id.pantau.store.SensorPolicy;
import id.pantau.store.TelemetryStore;
import id.pantau.store.TelemetryWrite;
import id.pantau.store.TimescaleConfig;
import id.pantau.store.WriteResult;
import id.pantau.store.testing.SharedDatabase;
import id.pantau.wire.BatchDecoder;
import id.pantau.wire.ComplaintDecoder;
import id.pantau.wire.DecodeLimits;
import id.pantau.wire.TelemetryDecoder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The dashboard API alone on the shared test database ({@link SharedDatabase}): the store's
 * {@link Database} migrated, the city files loaded as the server loads them, a
 * {@link DashboardVerticle} on a free port of 127.0.0.1, and data written through the store's own
 * write path ({@link TelemetryStore}, {@link ComplaintStore}, {@link GatewayStore}) from protocol
 * payloads decoded by the production decoders: what the ingest side commits, without MQTT.
 */
public final class DashboardFixture implements AutoCloseable {
  // sensor stays: the stores cache sensor ids, as they may (sensors are never deleted while a node runs)
  /** As the server's defaults (ingest.clockSkew, retention.raw): the same batches are accepted. */
  private static final DecodeLimits LIMITS = new DecodeLimits(DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES,
      DecodeLimits.PROTOCOL_MAX_ITEMS, Duration.ofMinutes(5), Duration.ofDays(90));

  private final Database database;
  private final Vertx vertx;
  private final CityDirectory cities;
  private final DashboardVerticle dashboard;
  private final PrometheusMeterRegistry registry;
  private final TelemetryStore telemetry;
  private final ComplaintStore complaints;
  private final GatewayStore gateways;

  private DashboardFixture(Database database, Vertx vertx, CityDirectory cities, DashboardVerticle dashboard,
                           PrometheusMeterRegistry registry) {
    this.database = database;
    this.vertx = vertx;
    this.cities = cities;
    this.dashboard = dashboard;
    this.registry = registry;
    DataSource ds = database.dataSource();
    this.telemetry = new TelemetryStore(ds, MetricIds.sync(ds), new SensorPolicy(cities::requiresSensorRegistration,
        id -> cities.kecamatan(id).map(KecamatanRef::slug).orElse("#" + id), 10_000, 50_000), cities::plausibility);
    this.complaints = new ComplaintStore(ds);
    this.gateways = new GatewayStore(ds);
  }

  public static DashboardFixture start() throws Exception {
    return start(Map.of());
  }

  /** @param overrides configuration keys set differently from the fixture's (e.g. http.stream.maxConnections) */
  public static DashboardFixture start(Map<String, Object> overrides) throws Exception {
    Path dir = Files.createTempDirectory("dashboard-it");
    ConfigTree config = config(dir, overrides);
    HttpConfig http = HttpConfig.from(config);
    var timescale = new TimescaleConfig(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(730));
    Database database = Database.open(new DatabaseConfig(SharedDatabase.jdbcUrl(), SharedDatabase.user(),
        SharedDatabase.password(), dir.resolve("unused-embedded"), 0, 8, Duration.ofSeconds(10), timescale));
    Vertx vertx = null;
    try {
      CityCatalog catalog = CityCatalog.open(database.dataSource(), CityFiles.loadAll(config.string("cities.files")));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = meteredVertx(registry);
      var dashboard = new DashboardVerticle(http, catalog.directory(), database.dataSource(), new StoreHealth(database),
          database.mode().name().toLowerCase(), registry::scrape, new PasswordHasher(1000), catalog);
      vertx.deployVerticle(dashboard).await();
      return new DashboardFixture(database, vertx, catalog.directory(), dashboard, registry);
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close().await();
      }
      database.close();
      throw e;
    }
  }

  /** The server's defaults for the keys the API reads, but for a fast tick, free port and no request budget. */
  private static ConfigTree config(Path dir, Map<String, Object> overrides) {
    ConfigTree config = ConfigTree.of(new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("snapshotInterval", "200ms")
            .putNull("alertInterval").put("readAccess", "open").put("idleTimeout", "60s").put("sendBufferBytes", 0)
            .put("stream", new JsonObject().put("maxConnections", 2000).put("maxConnectionsPerAddress", 100))
            // tests ask from one address at machine speed
            .put("requestBudget", new JsonObject().put("perSecond", 0).put("burst", 600))
            .put("series", new JsonObject().put("maxRange1m", "1d").put("maxRange1h", "7d").put("maxRange1d", "92d"))
            .put("tls", new JsonObject().putNull("certificate").putNull("key")))
        .put("security", new JsonObject().putNull("apiTokensFile"))
        // as the server's defaults, but for the spike check: tests walk KPIs through their levels within
        // seconds, by jumps no river could make (the server's TestServer does the same)
        .put("sensorHealth", new JsonObject().put("window", "45m").put("stuckReadings", 6).put("stuckFor", "30m")
            .put("spikeSettleReadings", 0).put("silentCadences", 3).put("silentMin", "5m").put("lateAfter", "30m")
            .put("defaultCadence", "60s").put("interval", "0s"))
        // how far back ?at= may replay: the rollups' retention, as the server's defaults keep them
        .put("retention", new JsonObject().put("rollups", "730d").put("raw", "90d"))
        .put("cities", new JsonObject().put("files", "classpath:cities/bandung.json").put("default", "bandung"))
        .put("gateways", new JsonObject().put("credentialsDir", dir.toString())));
    for (var e : overrides.entrySet()) {
      config = config.with(e.getKey(), e.getValue());
    }
    return config;
  }

  /** As the server's Monitoring: Vert.x's meters and the read side's failure counters land in one registry. */
  private static Vertx meteredVertx(PrometheusMeterRegistry registry) {
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** The ingest side's part of the health report, as far as a node without ingest knows it: the database's. */
  private record StoreHealth(Database store) implements HealthSource {
    @Override
    public boolean storeAvailable() {
      return true;
    }

    @Override
    public JsonObject details() {
      return new JsonObject();
    }

    @Override
    public id.pantau.store.DatabaseHealth database() {
      return store.health();
    }
  }

  public int httpPort() {
    return dashboard.actualPort();
  }

  public DataSource db() {
    return database.dataSource();
  }

  public CityDirectory cities() {
    return cities;
  }

  /**
   * Commits one telemetry payload (protocol v1 JSON, as a gateway publishes it) for a kecamatan,
   * as the ingest side does once the payload is decoded and the gateway's kecamatan known.
   */
  public WriteResult telemetry(String city, String kecamatan, byte[] payload) throws Exception {
    var batch = new TelemetryDecoder(LIMITS).decode(payload, BatchDecoder.gatewayNamedIn(payload),
        System.currentTimeMillis());
    return telemetry.write(List.of(new TelemetryWrite(batch, kecamatan(city, kecamatan))));
  }

  public WriteResult telemetry(String city, String kecamatan, String json) throws Exception {
    return telemetry(city, kecamatan, json.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #telemetry}, for a complaints payload. */
  public WriteResult complaints(String city, String kecamatan, byte[] payload) throws Exception {
    var batch = new ComplaintDecoder(LIMITS).decode(payload, BatchDecoder.gatewayNamedIn(payload),
        System.currentTimeMillis());
    return complaints.write(List.of(new ComplaintWrite(batch, kecamatan(city, kecamatan))));
  }

  public WriteResult complaints(String city, String kecamatan, String json) throws Exception {
    return complaints(city, kecamatan, json.getBytes(StandardCharsets.UTF_8));
  }

  private KecamatanRef kecamatan(String city, String kecamatan) {
    return cities.kecamatan(city, kecamatan).orElseThrow(
        () -> new IllegalArgumentException("no kecamatan " + kecamatan + " in " + city));
  }

  /** Creates (or resets) gateway {@code id} in the kecamatan. */
  public void gateway(String id, String city, String kecamatan) throws SQLException {
    gateways.upsert(id, kecamatan(city, kecamatan).id(), new PasswordHasher(1000).hash("unused"));
  }

  /**
   * Empties the data tables; cities, kecamatan and metrics stay. The API keeps each city's latest
   * KPIs in memory and its alert engine judges them on a schedule of its own, so a pass could
   * open the previous test's alert again from KPIs computed before the tables were emptied.
   * Hence: wait for a snapshot tick and then an alert pass that both began after the truncation,
   * and empty what an earlier pass may have written meanwhile.
   */
  public void truncate() throws Exception {
    SharedDatabase.emptyData(db());
    long ticks = apiCounter("snapshotComputations");
    Poll.until(() -> apiCounter("snapshotComputations") >= ticks + 2, true);
    long passes = apiCounter("alertEvaluations");
    Poll.until(() -> apiCounter("alertEvaluations") >= passes + 2, true);
    execute("TRUNCATE alert, downlink_delivery, downlink_message");
  }

  private long apiCounter(String name) throws Exception {
    return new JsonObject(Http.send(httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getLong(name);
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
    vertx.close().await();
    registry.close();
    database.close();
  }
}
