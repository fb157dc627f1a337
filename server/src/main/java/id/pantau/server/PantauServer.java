package id.pantau.server;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.CityDirectory;
import id.pantau.city.CityFiles;
import id.pantau.city.CityCatalog;
import id.pantau.config.ConfigTree;
import id.pantau.config.TlsFiles;
import id.pantau.dashboard.http.DashboardVerticle;
import id.pantau.dashboard.http.HttpConfig;
import id.pantau.ingest.Batchers;
import id.pantau.ingest.DeadLetters;
import id.pantau.ingest.IngestConfig;
import id.pantau.ingest.IngestMetrics;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.ingest.broker.BrokerConfig;
import id.pantau.ingest.broker.BrokerIngestVerticle;
import id.pantau.ingest.StreamIngest;
import id.pantau.ingest.mqtt.GatewayAuthenticator;
import id.pantau.ingest.mqtt.MqttConfig;
import id.pantau.ingest.mqtt.MqttIngestVerticle;
import id.pantau.store.Database;
import id.pantau.store.DownlinkStore;
import id.pantau.store.DatabaseConfig;
import id.pantau.store.DeadLetterStore;
import id.pantau.store.GatewayStore;
import id.pantau.store.RetentionJob;
import id.pantau.store.TelemetryWrite;
import id.pantau.store.ComplaintWrite;
import id.pantau.wire.ComplaintBatch;
import id.pantau.wire.ComplaintDecoder;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryDecoder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database, loads the cities, and starts the MQTT ingest and
 * the dashboard API as the role asks. {@link #start} blocks until everything listens.
 */
public final class PantauServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PantauServer.class);

  private final Database database;
  private final Vertx vertx;
  private final Batchers batchers;
  private final IngestConfig ingestConfig;
  private final IngestMetrics metrics;
  private final Ports ports;
  private final Path credentialsDir;
  private final MqttIngestVerticle.Shared listeners;
  private final java.util.concurrent.atomic.AtomicBoolean listening;

  /** The ports bound (-1: that listener is off). */
  private record Ports(int mqtt, int mqttTls, int http, boolean https) {
  }

  private PantauServer(Database database, Vertx vertx, Batchers batchers,
                       IngestConfig ingestConfig, IngestMetrics metrics, Ports ports, Path credentialsDir,
                       MqttIngestVerticle.Shared listeners, java.util.concurrent.atomic.AtomicBoolean listening) {
    this.listeners = listeners;
    this.listening = listening;
    this.database = database;
    this.vertx = vertx;
    this.batchers = batchers;
    this.ingestConfig = ingestConfig;
    this.metrics = metrics;
    this.ports = ports;
    this.credentialsDir = credentialsDir;
  }

  public static PantauServer start(ConfigTree config) throws Exception {
    Role role = Role.parse(config.string("role"));
    IngestConfig ingestConfig = IngestConfig.from(config);
    MqttConfig mqttConfig = MqttConfig.from(config);
    HttpConfig httpConfig = HttpConfig.from(config);
    Path credentialsDir = Path.of(config.string("gateways.credentialsDir"));
    Database database = Database.open(DatabaseConfig.from(config));
    Vertx vertx = null;
    Batchers batchers = null;
    try {
      CityCatalog catalog = CityCatalog.open(database.dataSource(), CityFiles.loadAll(config.string("cities.files")));
      CityDirectory cities = catalog.directory();
      if (cities.city(httpConfig.defaultCity()).isEmpty()) {
        throw new id.pantau.config.ConfigException("cities.default", "'" + httpConfig.defaultCity() + "' is not among cities.files");
      }
      GatewayStore gateways = new GatewayStore(database.dataSource());
      PasswordHasher hasher = new PasswordHasher(ingestConfig.passwordIterations());
      if (config.bool("gateways.provisionDefaults")) {
        new GatewayProvisioner(gateways, hasher, credentialsDir, config.integer("gateways.perKecamatan", 1, 100_000))
            .provision(cities);
      }
      Monitoring monitoring = new Monitoring(nodeId(config));
      monitoring.bindPool(database.dataSource());
      IngestMetrics metrics = new IngestMetrics(monitoring.registry());
      batchers = new Batchers(database, ingestConfig, metrics, cities);
      Batchers buffered = batchers;
      monitoring.gauge("pantau.ingest.buffered.bytes", "bytes received and waiting for commit", buffered::bufferedBytes);
      monitoring.bindDatabase(database);
      var listening = new java.util.concurrent.atomic.AtomicBoolean(true);
      vertx = monitoring.vertx();
      scheduleCityReload(vertx, catalog, config.duration("cities.reloadInterval"));
      int mqttPort = -1;
      int mqttTlsPort = -1;
      MqttIngestVerticle.Shared listeners = null;
      if (role.ingest()) {
        String node = nodeId(config);
        int offline = gateways.markNodeOffline(node);
        log.info("ingest node={} marked {} gateways of its last run offline", node, offline);
        var deadLetters = new DeadLetters(vertx, new DeadLetterStore(database.dataSource(),
            ingestConfig.deadLetterMaxRows(), ingestConfig.deadLetterMaxPayloadBytes()), ingestConfig, metrics);
        var telemetry = new StreamIngest<>(new TelemetryDecoder(ingestConfig.limits()), batchers.telemetry(),
            (TelemetryBatch b, GatewayIdentity g) -> new TelemetryWrite(b, g.kecamatan()), TelemetryBatch::size,
            buffered::refusalBeforeFlush);
        var complaints = new StreamIngest<>(new ComplaintDecoder(ingestConfig.limits()), batchers.complaints(),
            (ComplaintBatch b, GatewayIdentity g) -> new ComplaintWrite(b, g.kecamatan()), ComplaintBatch::size,
            w -> null);
        BrokerConfig broker = BrokerConfig.from(config, node);
        if (broker != null) {
          // broker mode: the broker cluster accepts the gateways; this node takes its share of the stream
          vertx.deployVerticle(new BrokerIngestVerticle(broker, mqttConfig.maxPacketBytes(), cities, telemetry,
              complaints, deadLetters, metrics, gateways, new DownlinkStore(database.dataSource()))).await();
          log.info("broker mode: no MQTT listener; taking the gateways' stream from {}", broker);
        } else {
          var shared = MqttIngestVerticle.Shared.create(vertx, mqttConfig,
              new GatewayAuthenticator(vertx, gateways, cities, hasher), telemetry, complaints, deadLetters, metrics,
              gateways, node, new DownlinkStore(database.dataSource()));
          shared.dispatcher().start();
          listeners = shared;
          if (mqttConfig.plainListener()) {
            mqttPort = deployMqtt(vertx, shared, mqttConfig, mqttConfig.port(), null);
          }
          if (mqttConfig.tls() != null) {
            mqttTlsPort = deployMqtt(vertx, shared, mqttConfig, mqttConfig.tlsPort(), mqttConfig.tls());
          }
        }
      }
      if (role.ingest()) {
        scheduleRetention(vertx, new RetentionJob(database.dataSource(), database.mode(),
            config.duration("retention.raw"), config.duration("retention.rollups")));
      }
      int httpPort = -1;
      if (role.api()) {
        var dashboard = new DashboardVerticle(httpConfig, cities, database.dataSource(),
            new IngestHealth(batchers, database, listening::get), database.mode().name().toLowerCase(),
            monitoring::scrape, hasher, catalog);
        vertx.deployVerticle(dashboard).await();
        httpPort = dashboard.actualPort();
      } else {
        // an ingest-only node still answers Prometheus on the HTTP port
        Vertx v = vertx;
        httpPort = vertx.createHttpServer(httpConfig.serverOptions()).requestHandler(req -> {
          if (req.path().equals("/metrics")) {
            v.executeBlocking(monitoring::scrape, false).onSuccess(text -> req.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text));
          } else {
            req.response().setStatusCode(404).end("this ingest node serves /metrics only\n");
          }
        }).listen().await().actualPort();
      }
      PantauServer server = new PantauServer(database, vertx, batchers, ingestConfig, metrics,
          new Ports(mqttPort, mqttTlsPort, httpPort, httpConfig.tls() != null), credentialsDir, listeners, listening);
      server.logSummary(role, cities);
      return server;
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close().await();
      }
      if (batchers != null) {
        batchers.close();
      }
      database.close();
      throw e;
    }
  }

  /** {@code node.id}, or the host name: stable across restarts of the same node. */
  private static String nodeId(ConfigTree config) {
    String configured = config.optionalString("node.id");
    if (configured != null) {
      return configured;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  /**
   * Several instances on one port; Vert.x spreads connections over them. With port 0 they
   * share one random port, which any instance reports.
   */
  private static int deployMqtt(Vertx vertx, MqttIngestVerticle.Shared shared, MqttConfig config, int port,
                                TlsFiles tls) {
    List<MqttIngestVerticle> instances = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      MqttIngestVerticle v = new MqttIngestVerticle(shared, port, tls);
      instances.add(v);
      return v;
    }, new DeploymentOptions().setInstances(config.effectiveInstances())).await();
    return instances.get(0).actualPort();
  }

  /** Cities another node added over the admin API appear here within one interval. */
  private static void scheduleCityReload(Vertx vertx, CityCatalog catalog, java.time.Duration interval) {
    vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> vertx.executeBlocking(catalog::reloadIfChanged, false)
        .onFailure(e -> log.warn("cannot reload cities: {}", e.toString())));
  }

  /** Hourly, and once shortly after start. */
  private static void scheduleRetention(Vertx vertx, RetentionJob job) {
    io.vertx.core.Handler<Long> run = id -> vertx.executeBlocking(job::run, false)
        .onSuccess(n -> {
          if (n > 0) {
            log.info("retention deleted rows={}", n);
          }
        })
        .onFailure(e -> log.warn("retention run failed: {}", e.toString()));
    vertx.setTimer(60_000, run);
    vertx.setPeriodic(3_600_000, run);
  }

  private void logSummary(Role role, CityDirectory cities) {
    log.info("Pantau started role={} database=\"{}\" mode={}", role.name().toLowerCase(), database.description(),
        database.mode().name().toLowerCase());
    if (ports.mqtt() > 0) {
      log.info("MQTT gateways: tcp://localhost:{} (topics pantau/v1/{city}/{kec}/telemetry)", ports.mqtt());
    }
    if (ports.mqttTls() > 0) {
      log.info("MQTT gateways over TLS: ssl://localhost:{}", ports.mqttTls());
    }
    String web = ports.https() ? "https" : "http";
    if (ports.http() > 0 && role.api()) {
      log.info("Wall screen: {}://localhost:{}/wall/", web, ports.http());
      log.info("Dashboard API: {}://localhost:{}/api/v1/kecamatan  health: {}://localhost:{}/api/v1/health",
          web, ports.http(), web, ports.http());
    }
    cities.cities().forEach(c -> log.info("city={} kecamatan={} gateway credentials: {}", c.slug(),
        c.kecamatan().size(), credentialsDir.resolve(c.slug() + "-gateways.csv").toAbsolutePath()));
  }

  /** The plain MQTT port, or -1. */
  public int mqttPort() {
    return ports.mqtt();
  }

  /** The MQTT over TLS port, or -1. */
  public int mqttTlsPort() {
    return ports.mqttTls();
  }

  public int httpPort() {
    return ports.http();
  }

  public Database database() {
    return database;
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /**
   * Stops in order: stop accepting, let what is in flight commit and be acknowledged, close the
   * listeners, mark this node's gateways offline, then close the pool and stop the embedded
   * PostgreSQL (Database.close), so that every step still has what it needs.
   */
  @Override
  public void close() {
    log.info("Pantau stopping");
    listening.set(false);
    if (listeners != null) {
      listeners.stopPresence();
    }
    batchers.drain(ingestConfig.drainTimeout());
    vertx.close().await();
    if (listeners != null) {
      try {
        log.info("gateways of this node marked offline count={}", listeners.markAllOffline());
      } catch (java.sql.SQLException e) {
        log.warn("cannot mark this node's gateways offline (the next start does): {}", e.getMessage());
      }
    }
    database.close();
    log.info("Pantau stopped");
  }
}
