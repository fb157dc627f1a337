package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.CityCatalog;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.alert.AlertEngine;
import id.pantau.dashboard.kpi.CityViews;
import id.pantau.dashboard.kpi.Failures;
import id.pantau.dashboard.open311.Open311Routes;
import id.pantau.dashboard.kpi.SeriesQuery;
import id.pantau.dashboard.kpi.SeriesRequest;
import id.pantau.dashboard.kpi.ShortCache;
import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.kpi.SnapshotTicker;
import id.pantau.dashboard.view.DashboardViews;
import id.pantau.dashboard.view.KecamatanViews;
import id.pantau.dashboard.view.ReplayViews;
import id.pantau.auth.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/** JSON over HTTP for the command-center screens, versioned under {@code /api/v1}. */
public final class DashboardVerticle extends VerticleBase {
  /** How often the API token file is checked for edits (rotated, added or revoked tokens). */
  private static final long TOKEN_FILE_CHECK_MS = 2_000;
  /** How often addresses whose request budget has refilled are forgotten. */
  private static final long BUDGET_SWEEP_MS = 60_000;
  private final HttpConfig config;
  private final CityDirectory cities;
  private final CityViews views;
  private final SeriesQuery series;
  private final HealthSource health;
  private final DataSource ds;
  private final String storageMode;
  private final AlertRoutes alerts;
  private final java.util.function.Supplier<String> prometheusScrape;
  private final PasswordHasher hasher;
  private final CityCatalog catalog;
  private Failures failures;
  private SnapshotTicker snapshots;
  private KecamatanSnapshots kecamatanSnapshots;
  private SnapshotStream stream;
  private RequestBudget budget;
  private AlertEngine alertEngine;
  private ShortCache<JsonObject> seriesCache;
  private ReplayRoute replay;
  private HttpServer server;

  public DashboardVerticle(HttpConfig config, CityDirectory cities, DataSource ds, HealthSource health,
                           String storageMode, java.util.function.Supplier<String> prometheusScrape,
                           PasswordHasher hasher, CityCatalog catalog) {
    this.catalog = catalog;
    this.prometheusScrape = prometheusScrape;
    this.hasher = hasher;
    this.config = config;
    this.cities = cities;
    this.views = new DashboardViews(ds, cities, config.sensorHealth());
    this.alerts = new AlertRoutes(cities, ds);
    this.series = new SeriesQuery(ds);
    this.health = health;
    this.ds = ds;
    this.storageMode = storageMode;
  }

  @Override
  public Future<?> start() {
    failures = new Failures(Clock.systemUTC(), BackendRegistries.getDefaultNow());
    snapshots = new SnapshotTicker(vertx, cities, views, config.snapshotInterval(), failures);
    alertEngine = new AlertEngine(ds, cities, snapshots::kpis, failures);
    seriesCache = new ShortCache<>(config.snapshotInterval().toMillis(), 1000);
    kecamatanSnapshots = new KecamatanSnapshots(snapshots);
    stream = new SnapshotStream(vertx, snapshots, kecamatanSnapshots, config.stream());
    budget = new RequestBudget(config.budget());
    replay = new ReplayRoute(vertx, cities, ds, config.historyRetention(), Clock.systemUTC());
    vertx.setPeriodic(BUDGET_SWEEP_MS, t -> budget.forgetFull(System.nanoTime()));
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::add);
    router.route().handler(budget::charge);
    router.route().handler(DashboardVerticle::decodableQuery);
    new HealthRoutes(health, snapshots, storageMode, config.snapshotInterval(), () -> new JsonObject()
        .put("alertEvaluations", alertEngine.evaluations()).put("alertIntervalMs", config.alertInterval().toMillis())
        .put("streams", stream.stats()).put("requestsOverBudget", budget.refused())
        .put("gzipCompressions", Snapshot.gzipCompressions()),
        this::failures, this::holidayWarnings).mount(router);
    router.get("/metrics").handler(ctx -> vertx.executeBlocking(prometheusScrape::get, false).onSuccess(text ->
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text)));
    ApiTokens tokens;
    try {
      tokens = ApiTokens.load(config.apiTokensFile(), (city, kec) -> cities.kecamatan(city, kec).isPresent());
    } catch (java.io.IOException e) {
      return Future.failedFuture(new IllegalStateException("cannot read API tokens: " + e.getMessage(), e));
    }
    vertx.setPeriodic(TOKEN_FILE_CHECK_MS, t -> vertx.executeBlocking(tokens::reloadIfChanged, false));
    router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
        .sendFile("openapi/pantau-api.yaml"));
    if (config.readsNeedToken()) {
      // HEAD too: it answers a view's headers (ETag), which must not leak past the gate either
      router.route("/api/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(ctx -> readGate(ctx, tokens, ctx.queryParams().get("city")));
      router.route("/open311/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(ctx -> readGate(ctx, tokens, Open311Routes.jurisdiction(ctx)));
    }
    router.get("/api/v1/city").handler(ctx -> {
      String city = city(ctx);
      ApiResponses.json(ctx, CityInfo.json(cities.city(city).orElseThrow(), kecamatan(ctx, city)));
    });
    alerts.mount(vertx, router, tokens, this::city);
    new AdminRoutes(catalog, ds, hasher).mount(vertx, router, tokens, this::city);
    new PlausibilityRoutes(catalog).mount(vertx, router, tokens, this::city);
    new HolidayRoutes(catalog).mount(vertx, router, tokens, this::city);
    new SensorRoutes(cities, ds, snapshots::kpis).mount(vertx, router, tokens, this::city);
    new RaporRoutes(cities, ds, config.batchRetention()).mount(vertx, router, this::city);
    router.route("/wall/*").handler(io.vertx.ext.web.handler.StaticHandler.create("wall")
        .setCachingEnabled(false).setIndexPage("index.html"));
    router.get("/").handler(ctx -> ctx.redirect("/wall/"));
    CachePolicy viewCaching = CachePolicy.of(config.readsNeedToken(), config.snapshotInterval());
    for (String view : views.names()) {
      // HEAD as GET without the body: a proxy or a screen checks the ETag and length cheaply
      router.route("/api/v1/" + view).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
        String city = city(ctx);
        String kec = kecamatan(ctx, city);
        if (kec != null && !KecamatanViews.narrows(view)) {
          throw new ApiException.Forbidden("the " + view + " view is city-wide; it has no part for kecamatan " + kec);
        }
        if (ctx.queryParams().contains("at")) {
          if (!ReplayViews.NAMES.contains(view)) {
            throw new ApiException.BadRequest("at", "the " + view + " view keeps no history and cannot be replayed;"
                + " these can: " + new java.util.TreeSet<>(ReplayViews.NAMES));
          }
          replay.serve(ctx, city, kec, view); // the view as it stood then, from history
          return;
        }
        (kec == null ? snapshots.get(city, view) : kecamatanSnapshots.get(city, kec, view)).ifPresentOrElse(
            s -> ApiResponses.snapshot(ctx, s, viewCaching), () -> ctx.fail(new ApiException.Unavailable(
                "no data yet: the database has not answered since the server started")));
      });
    }
    router.get("/api/v1/stream").handler(ctx -> {
      String city = city(ctx);
      stream.open(ctx, city, kecamatan(ctx, city));
    });
    router.get("/api/v1/series").handler(this::series);
    new Open311Routes(vertx, cities, config.defaultCity(), ds, config.snapshotInterval().toMillis())
        .mount(router, ReadScope::readersKecamatan);
    router.route("/open311/*").handler(ctx -> ctx.fail(new ApiException.NotFound("no such endpoint: " + ctx.request().path())));
    router.route("/api/*").handler(ctx -> ctx.fail(new ApiException.NotFound("no such endpoint: " + ctx.request().path())));
    router.route().failureHandler(ApiResponses::failure);
    server = vertx.createHttpServer(config.serverOptions());
    stream.start();
    return snapshots.start().onSuccess(v -> alertEngine.start(vertx, config.alertInterval()))
        .compose(v -> server.requestHandler(router).listen());
  }

  /**
   * With {@code http.readAccess = token}: every read needs a token with at least the screen
   * role, and a token limited to a city reads only that city: the one the route will serve
   * (the API's {@code city}, Open311's {@code jurisdiction_id}). The routes narrow a kecamatan
   * token's reads further ({@link ReadScope}).
   */
  private void readGate(RoutingContext ctx, ApiTokens tokens, String named) {
    ApiTokens.Holder reader = tokens.require(ctx, ApiTokens.Role.SCREEN);
    reader.mayActOn(named == null ? config.defaultCity() : named);
    ReadScope.remember(ctx, reader);
    ctx.next();
  }

  /**
   * The kecamatan a read of the city is narrowed to ({@code kecamatan=}, or the reader's own),
   * null for the whole city; 403 for another kecamatan than a kecamatan token's, 400 for one the
   * city does not have.
   */
  private String kecamatan(RoutingContext ctx, String city) {
    String kec = ReadScope.kecamatan(ctx, city, ctx.queryParams().get("kecamatan"));
    if (kec != null && cities.kecamatan(city, kec).isEmpty()) {
      throw new ApiException.BadRequest("kecamatan", "kecamatan '" + kec + "' is not in " + city);
    }
    return kec;
  }

  /** A query string that cannot be decoded (e.g. {@code %zz}) is the client's mistake: 400, not 500. */
  private static void decodableQuery(RoutingContext ctx) {
    try {
      ctx.queryParams();
    } catch (IllegalArgumentException | io.vertx.ext.web.handler.HttpException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      ctx.fail(new ApiException.BadRequest("query", "the query string is not valid percent-encoding: " + why));
      return;
    }
    ctx.next();
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Each city's years without holidays (this one; from October the next), as complaint targets then run over them. */
  private java.util.List<String> holidayWarnings() {
    return cities.cities().stream().flatMap(c -> CityCatalog.holidayWarnings(c, java.time.LocalDate.now(c.timezone()))
        .stream()).toList();
  }

  /** The read-side parts failing now: a view or an alert rule of a city, since when and why. */
  private JsonArray failures() {
    JsonArray list = new JsonArray();
    failures.current().forEach(f -> list.add(new JsonObject().put("city", f.city()).put("part", f.part())
        .put("since", f.since().toString()).put("attempts", f.attempts()).put("error", f.error())));
    return list;
  }

  private void series(RoutingContext ctx) {
    String city = city(ctx);
    var q = ctx.queryParams();
    String kec = kecamatan(ctx, city);
    Integer kecamatanId = kec == null ? null : cities.kecamatan(city, kec).map(KecamatanRef::id).orElseThrow();
    // the range is widened to whole buckets, so screens asking with their own "now" share one query
    City c = cities.city(city).orElseThrow();
    SeriesRequest req = SeriesRequest.parse(city, kec, q.get("metric"), q.get("step"), q.get("from"), q.get("to"),
        Instant.now(), c.timezone(), config.seriesRanges()).including(q.get("include"));
    int cityId = cities.cityId(city).orElseThrow();
    seriesCache.get(req.key(), () -> vertx.executeBlocking(() -> series.load(req, cityId, kecamatanId, c.timezone()), false))
        .onSuccess(body -> ApiResponses.json(ctx, body))
        .onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  /** The requested (or default) city; an unknown one fails the request with 404. */
  String city(RoutingContext ctx) {
    String slug = ctx.queryParams().get("city");
    String city = slug == null ? config.defaultCity() : slug;
    if (cities.city(city).isEmpty()) {
      throw new ApiException.NotFound("unknown city '" + slug + "'");
    }
    return city;
  }

  @Override
  public Future<?> stop() {
    Future<Void> ticking = snapshots == null ? Future.succeededFuture() : snapshots.stop();
    if (snapshots != null) {
      stream.stop();
      alertEngine.stop(vertx);
    }
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> ticking); // a tick on a worker finishes while its event loop still runs
  }
}
