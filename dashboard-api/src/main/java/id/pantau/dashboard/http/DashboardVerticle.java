package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.kpi.KecamatanSnapshot;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON over HTTP for the command-center screens, versioned under {@code /api/v1}. */
public final class DashboardVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DashboardVerticle.class);

  private final HttpConfig config;
  private final CityDirectory cities;
  private final KecamatanSnapshot kecamatan;
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
    router.route("/api/*").handler(ctx -> error(ctx, 404, "no such endpoint: " + ctx.request().path()));
    server = vertx.createHttpServer();
    return server.requestHandler(router).listen(config.port(), config.host());
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

  private void kecamatan(RoutingContext ctx) {
    String slug = ctx.queryParams().get("city");
    City city = cities.city(slug == null ? config.defaultCity() : slug).orElse(null);
    if (city == null) {
      error(ctx, 404, "unknown city '" + slug + "'");
      return;
    }
    int cityId = cities.cityId(city.slug()).orElseThrow();
    List<KecamatanRef> refs = city.kecamatan().stream()
        .map(k -> cities.kecamatan(city.slug(), k.slug()).orElseThrow()).toList();
    vertx.executeBlocking(() -> kecamatan.load(cityId, refs), false)
        .onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-cache")
            .end(new JsonObject().put("city", city.slug()).put("kecamatan", list).encode()))
        .onFailure(e -> {
          log.warn("GET /api/v1/kecamatan failed: {}", e.toString());
          error(ctx, 503, "database unavailable");
        });
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
