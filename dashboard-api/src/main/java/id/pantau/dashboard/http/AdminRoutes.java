package id.pantau.dashboard.http;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.AlertRules;
import id.pantau.city.CityCatalog;
import id.pantau.city.CityDirectory;
import id.pantau.city.CityFiles;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.alert.ThresholdOverrides;
import id.pantau.store.GatewayStore;
import id.pantau.store.SensorRegistry;
import id.pantau.wire.Ids;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Administration without a restart, for tokens with the {@code admin} role: gateways and their
 * credentials, alert thresholds, and sensor registration. Everything is written to the
 * database, so every node sees it: ingest nodes read a gateway's secret hash at each login, API
 * nodes read thresholds at each tick. A new secret is shown once, in the response, and never
 * logged.
 */
final class AdminRoutes {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
  private static final int BODY_LIMIT = 64 * 1024;
  /** A city file: 30-odd kecamatan with their sensors and thresholds fit well under this. */
  private static final int CITY_BODY_LIMIT = 1024 * 1024;
  private static final String ADMIN = "pantau.admin";

  private final CityCatalog catalog;
  private final CityDirectory cities;
  private final GatewayStore gateways;
  private final SensorRegistry sensors;
  private final ThresholdOverrides thresholds;
  private final PasswordHasher hasher;

  AdminRoutes(CityCatalog catalog, DataSource ds, PasswordHasher hasher) {
    this.catalog = catalog;
    this.cities = catalog.directory();
    this.gateways = new GatewayStore(ds);
    this.sensors = new SensorRegistry(ds);
    this.thresholds = new ThresholdOverrides(ds);
    this.hasher = hasher;
  }

  void mount(Vertx vertx, Router router, ApiTokens tokens, Function<RoutingContext, String> cityOf) {
    // the token is checked before a byte of the body is read; bodies are JSON only, never files
    Handler<RoutingContext> ofCity = ctx -> authorised(ctx, tokens, cityOf.apply(ctx));
    router.put("/api/v1/admin/cities/:slug").handler(ctx -> authorised(ctx, tokens, ctx.pathParam("slug")))
        .handler(JsonBody.upTo(CITY_BODY_LIMIT)).handler(ctx -> putCity(vertx, ctx, admin(ctx)));
    router.post("/api/v1/admin/gateways").handler(ofCity).handler(JsonBody.upTo(BODY_LIMIT))
        .handler(ctx -> addGateway(vertx, ctx, cityOf.apply(ctx), admin(ctx)));
    router.post("/api/v1/admin/gateways/:id/secret").handler(ofCity)
        .handler(ctx -> rotateSecret(vertx, ctx, cityOf.apply(ctx), admin(ctx)));
    router.post("/api/v1/admin/gateways/:id/disable").handler(ofCity)
        .handler(ctx -> setDisabled(vertx, ctx, cityOf.apply(ctx), admin(ctx), true));
    router.post("/api/v1/admin/gateways/:id/enable").handler(ofCity)
        .handler(ctx -> setDisabled(vertx, ctx, cityOf.apply(ctx), admin(ctx), false));
    router.get("/api/v1/admin/thresholds").handler(ofCity)
        .handler(ctx -> showThresholds(vertx, ctx, cityOf.apply(ctx)));
    router.put("/api/v1/admin/thresholds").handler(ofCity).handler(JsonBody.upTo(BODY_LIMIT))
        .handler(ctx -> setThresholds(vertx, ctx, cityOf.apply(ctx), admin(ctx)));
    router.put("/api/v1/admin/sensors/:sensor").handler(ofCity).handler(JsonBody.upTo(BODY_LIMIT))
        .handler(ctx -> registerSensor(vertx, ctx, cityOf.apply(ctx), admin(ctx)));
  }

  /** Lets the request on only with an admin token that may act on the city; runs before any body is read. */
  static void authorised(RoutingContext ctx, ApiTokens tokens, String city) {
    ApiTokens.Holder holder = tokens.require(ctx, ApiTokens.Role.ADMIN);
    holder.mayActOnWholeCity(city);
    ctx.put(ADMIN, holder);
    ctx.next();
  }

  static ApiTokens.Holder admin(RoutingContext ctx) {
    return ctx.get(ADMIN);
  }

  /**
   * Adds (201) or replaces (200) a city from its definition in the city file format; every
   * node serves it within {@code cities.reloadInterval}. Its gateways are added next, with
   * {@code POST /api/v1/admin/gateways?city={slug}}.
   */
  private void putCity(Vertx vertx, RoutingContext ctx, ApiTokens.Holder admin) {
    String slug = ctx.pathParam("slug");
    JsonObject definition = bodyObject(ctx, "the city file format: {\"slug\": \"garut\", \"name\": ..., \"kecamatan\": [...]}");
    if (!slug.equals(definition.getValue("slug"))) {
      throw new ApiException.BadRequest("slug", "the definition's slug must be '" + slug + "', the one in the path");
    }
    vertx.executeBlocking(() -> {
      try {
        return catalog.put(definition);
      } catch (IllegalArgumentException e) {
        throw new ApiException.BadRequest("body", e.getMessage());
      } catch (IllegalStateException e) {
        throw new ApiException.Conflict(e.getMessage());
      }
    }, false).onSuccess(isNew -> {
      var city = cities.city(slug).orElseThrow();
      log.info("city {} city={} kecamatan={} by={}", isNew ? "added" : "replaced", slug, city.kecamatan().size(),
          admin.name());
      ctx.response().setStatusCode(isNew ? 201 : 200);
      ApiResponses.json(ctx, CityInfo.json(city, null));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /** {@code {"kecamatan": "coblong", "id": "bandung.coblong.gw2"}}; the id defaults to the next free gwN. */
  private void addGateway(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin) {
    JsonObject req = bodyObject(ctx, "{\"kecamatan\": \"coblong\", \"id\": \"bandung.coblong.gw2\"}");
    KecamatanRef kecamatan = kecamatan(city, req.getValue("kecamatan"));
    Object given = req.getValue("id");
    if (given != null && !(given instanceof String s && Ids.isValid(s))) {
      throw new ApiException.BadRequest("id", "id must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (given != null && !((String) given).startsWith(city + ".")) {
      // ids name their city: an id with another city's prefix would pass for one of its gateways
      throw new ApiException.BadRequest("id", "a gateway id of city " + city + " starts with '" + city + ".'");
    }
    vertx.executeBlocking(() -> {
      String secret = PasswordHasher.newSecret();
      String hash = hasher.hash(secret);
      String id = given != null ? (String) given : nextFreeId(city, kecamatan);
      if (!gateways.insertIfAbsent(id, kecamatan.id(), hash)) {
        throw new ApiException.Conflict("gateway " + id + " exists; rotate its secret with POST /api/v1/admin/gateways/"
            + id + "/secret");
      }
      return new JsonObject().put("gateway", id).put("city", city).put("kecamatan", kecamatan.slug())
          .put("secret", secret);
    }, false).onSuccess(created -> {
      log.info("gateway added gateway={} kecamatan={}/{} by={}", created.getString("gateway"), city, kecamatan.slug(),
          admin.name());
      ctx.response().setStatusCode(201);
      ApiResponses.json(ctx, created);
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  private String nextFreeId(String city, KecamatanRef kecamatan) throws java.sql.SQLException {
    for (int n = 1; ; n++) {
      String id = city + "." + kecamatan.slug() + ".gw" + n;
      if (gateways.find(id).isEmpty()) {
        return id;
      }
    }
  }

  /** A new secret; the old one stops working at the gateway's next login. */
  private void rotateSecret(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> {
      KecamatanRef kecamatan = kecamatanOfGateway(id, city);
      String secret = PasswordHasher.newSecret();
      gateways.replaceSecret(id, hasher.hash(secret));
      return new JsonObject().put("gateway", id).put("city", city).put("kecamatan", kecamatan.slug())
          .put("secret", secret);
    }, false).onSuccess(rotated -> {
      log.info("gateway secret rotated gateway={} by={}", id, admin.name());
      ApiResponses.json(ctx, rotated);
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /**
   * Disables a gateway (its logins are refused and every ingest node closes its live connection
   * within a few seconds; its data stays) or enables it again.
   */
  private void setDisabled(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin, boolean disabled) {
    String id = ctx.pathParam("id");
    vertx.executeBlocking(() -> {
      KecamatanRef kecamatan = kecamatanOfGateway(id, city);
      gateways.setDisabled(id, disabled);
      return new JsonObject().put("gateway", id).put("city", city).put("kecamatan", kecamatan.slug())
          .put("disabled", disabled);
    }, false).onSuccess(changed -> {
      log.info("gateway {} gateway={} by={}", disabled ? "disabled" : "enabled", id, admin.name());
      ApiResponses.json(ctx, changed);
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /** The kecamatan of a gateway of this city; 404 when there is none (or it is another city's). */
  private KecamatanRef kecamatanOfGateway(String id, String city) throws java.sql.SQLException {
    var gateway = gateways.find(id).orElseThrow(() -> new ApiException.NotFound("no gateway " + id));
    KecamatanRef kecamatan = cities.kecamatan(gateway.kecamatanId()).orElseThrow();
    if (!kecamatan.citySlug().equals(city)) {
      throw new ApiException.NotFound("no gateway " + id + " in " + city);
    }
    return kecamatan;
  }

  private void showThresholds(Vertx vertx, RoutingContext ctx, String city) {
    int cityId = cities.cityId(city).orElseThrow();
    vertx.executeBlocking(() -> thresholds.load(cityId), false).onSuccess(override -> {
      List<AlertRules.Threshold> active = override.orElse(cities.city(city).orElseThrow().alerts().thresholds());
      JsonArray list = new JsonArray();
      active.forEach(t -> list.add(CityFiles.json(t)));
      ApiResponses.json(ctx, new JsonObject().put("city", city).put("source", override.isPresent() ? "admin" : "city file")
          .put("thresholds", list));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /** Replaces the city's thresholds: {@code {"thresholds": [{"metric": "pm25", "above": 55.4, ...}]}}. */
  private void setThresholds(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin) {
    JsonObject req = bodyObject(ctx, "{\"thresholds\": [{\"metric\": \"pm25\", \"above\": 55.4, \"clearBelow\": 45, "
        + "\"severity\": \"warning\"}]}");
    if (!(req.getValue("thresholds") instanceof JsonArray list)) {
      throw new ApiException.BadRequest("thresholds", "thresholds must be a list (an empty one turns them all off)");
    }
    List<AlertRules.Threshold> parsed;
    try {
      parsed = CityFiles.thresholds(list);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("thresholds", e.getMessage());
    }
    int cityId = cities.cityId(city).orElseThrow();
    vertx.executeBlocking(() -> {
      thresholds.save(cityId, parsed, admin.name());
      return null;
    }, false).onSuccess(v -> {
      log.info("alert thresholds set city={} count={} by={}", city, parsed.size(), admin.name());
      JsonArray saved = new JsonArray();
      parsed.forEach(t -> saved.add(CityFiles.json(t)));
      ApiResponses.json(ctx, new JsonObject().put("city", city).put("source", "admin").put("thresholds", saved));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /** {@code {"kecamatan": "coblong"}}: the sensor may report only through that kecamatan's gateways. */
  private void registerSensor(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin) {
    String sensor = ctx.pathParam("sensor");
    if (!Ids.isValid(sensor)) {
      throw new ApiException.BadRequest("sensor", "a sensor id is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    KecamatanRef kecamatan = kecamatan(city, bodyObject(ctx, "{\"kecamatan\": \"coblong\"}").getValue("kecamatan"));
    vertx.executeBlocking(() -> sensors.register(kecamatan.cityId(), sensor, kecamatan.id(), "admin:" + admin.name()),
        false).onSuccess(owner -> {
          if (owner != kecamatan.id()) {
            String other = cities.kecamatan(owner).map(KecamatanRef::slug).orElse("another kecamatan");
            ctx.fail(new ApiException.Conflict("sensor " + sensor + " is registered to " + other + "; a sensor keeps its "
                + "kecamatan (its history belongs to it): give the new device a new id"));
            return;
          }
          log.info("sensor registered sensor={} kecamatan={}/{} by={}", sensor, city, kecamatan.slug(), admin.name());
          ApiResponses.json(ctx, new JsonObject().put("sensor", sensor).put("city", city)
              .put("kecamatan", kecamatan.slug()));
        }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  private KecamatanRef kecamatan(String city, Object slug) {
    if (!(slug instanceof String s)) {
      throw new ApiException.BadRequest("kecamatan", "kecamatan is required: the slug of one of " + city + "'s kecamatan");
    }
    return cities.kecamatan(city, s).orElseThrow(() ->
        new ApiException.BadRequest("kecamatan", "kecamatan '" + s + "' is not in " + city));
  }

  private static JsonObject bodyObject(RoutingContext ctx, String example) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw new ApiException.BadRequest("body", "the body must be a JSON object, e.g. " + example);
  }

  private static Throwable orUnavailable(Throwable e) {
    if (e instanceof ApiException) {
      return e;
    }
    log.warn("admin request failed: {}", e.toString());
    return new ApiException.Unavailable("database unavailable");
  }
}
