package id.pantau.dashboard.http;

import id.pantau.city.CityDirectory;
import id.pantau.dashboard.kpi.KecamatanSnapshot;
import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.kpi.SnapshotTicker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON over HTTP for the command-center screens, versioned under {@code /api/v1}. */
public final class DashboardVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DashboardVerticle.class);

  private final HttpConfig config;
  private final CityDirectory cities;
  private final KecamatanSnapshot kecamatan;
  private SnapshotTicker snapshots;
  private final HealthSource health;
  private final String storageMode;
  private HttpServer server;

  public DashboardVerticle(HttpConfig config, CityDirectory cities, DataSource ds, HealthSource health,
                           String storageMode) {
    this.config = config;
    this.cities = cities;
    this.kecamatan = new KecamatanSnapshot(ds);
    this.health = health;
    this.storageMode = storageMode;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/api/v1/health").handler(this::health);
    router.get("/api/v1/kecamatan").handler(this::kecamatan);
    router.get("/api/v1/stream").handler(this::stream);
    router.route("/api/*").handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().path()));
    server = vertx.createHttpServer();
    snapshots = new SnapshotTicker(vertx, cities, kecamatan, config.snapshotInterval());
    return snapshots.start().compose(v -> server.requestHandler(router).listen(config.port(), config.host()));
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void health(RoutingContext ctx) {
    boolean up = health.storeAvailable();
    JsonObject body = new JsonObject()
        .put("status", up ? "ok" : "degraded")
        .put("database", new JsonObject().put("available", up).put("mode", storageMode))
        .put("ingest", health.details());
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }

  private void stream(RoutingContext ctx) {
    String city = city(ctx);
    if (city != null) {
      new SnapshotStream(vertx, snapshots).open(ctx, city);
    }
  }

  /** The requested (or default) city; null after answering 404 for an unknown one. */
  private String city(RoutingContext ctx) {
    String slug = ctx.queryParams().get("city");
    String city = slug == null ? config.defaultCity() : slug;
    if (cities.city(city).isEmpty()) {
      error(ctx, 404, "unknown city '" + slug + "'");
      return null;
    }
    return city;
  }

  private void kecamatan(RoutingContext ctx) {
    String city = city(ctx);
    if (city == null) {
      return;
    }
    snapshots.kecamatan(city).ifPresentOrElse(snapshot -> send(ctx, snapshot),
        () -> error(ctx, 503, "no data yet: the database has not answered since the server started"));
  }

  /** 304 when the screen already has this snapshot; screens revalidate on every poll. */
  private static void send(RoutingContext ctx, Snapshot snapshot) {
    var response = ctx.response().putHeader("ETag", snapshot.etag()).putHeader("Cache-Control", "no-cache")
        .putHeader("X-Snapshot-Computed-At", snapshot.computedAt().toString());
    if (snapshot.matches(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
    } else {
      response.putHeader("Content-Type", "application/json").end(snapshot.body());
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  @Override
  public Future<?> stop() {
    if (snapshots != null) {
      snapshots.stop();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
