package id.pantau.dashboard.http;

import id.pantau.city.CityCatalog;
import id.pantau.city.PlausibilityJson;
import id.pantau.dashboard.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A city's plausible ranges over the admin API, as its alert thresholds are: read them, replace
 * them (city-wide per metric and per sensor, in the city file's format), or go back to the
 * file's. The ingest path of this node checks the next reading against them; other nodes take
 * them up at their next city reload ({@code cities.reloadInterval}), no restart.
 */
final class PlausibilityRoutes {
  private static final Logger log = LoggerFactory.getLogger(PlausibilityRoutes.class);
  private static final int BODY_LIMIT = 64 * 1024;
  private static final String EXAMPLE = "{\"plausibility\": {\"temperature_c\": {\"min\": -10, \"max\": 50}}, "
      + "\"sensorPlausibility\": {\"aq-coblong-09\": {\"pm25\": {\"max\": 500}}}}";

  private final CityCatalog catalog;

  PlausibilityRoutes(CityCatalog catalog) {
    this.catalog = catalog;
  }

  void mount(Vertx vertx, Router router, ApiTokens tokens, Function<RoutingContext, String> cityOf) {
    Handler<RoutingContext> ofCity = ctx -> AdminRoutes.authorised(ctx, tokens, cityOf.apply(ctx));
    router.get("/api/v1/admin/plausibility").handler(ofCity).handler(ctx -> show(vertx, ctx, cityOf.apply(ctx)));
    router.put("/api/v1/admin/plausibility").handler(ofCity).handler(JsonBody.upTo(BODY_LIMIT))
        .handler(ctx -> replace(vertx, ctx, cityOf.apply(ctx), AdminRoutes.admin(ctx)));
    router.delete("/api/v1/admin/plausibility").handler(ofCity)
        .handler(ctx -> clear(vertx, ctx, cityOf.apply(ctx), AdminRoutes.admin(ctx)));
  }

  private void show(Vertx vertx, RoutingContext ctx, String city) {
    vertx.executeBlocking(() -> catalog.plausibilityOverridden(city), false)
        .onSuccess(overridden -> ApiResponses.json(ctx, ranges(city, overridden)))
        .onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  private void replace(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin) {
    JsonObject body = body(ctx);
    vertx.executeBlocking(() -> {
      try {
        catalog.setPlausibility(city, body, admin.name());
      } catch (IllegalArgumentException e) {
        throw new ApiException.BadRequest("body", e.getMessage());
      }
      return null;
    }, false).onSuccess(v -> {
      log.info("plausible ranges set city={} by={}", city, admin.name());
      ApiResponses.json(ctx, ranges(city, true));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  private void clear(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder admin) {
    vertx.executeBlocking(() -> catalog.clearPlausibility(city), false).onSuccess(had -> {
      log.info("plausible ranges back to the city file's city={} hadOverride={} by={}", city, had, admin.name());
      ApiResponses.json(ctx, ranges(city, false));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /** {city, source, plausibility, sensorPlausibility, effective}: the ranges this node checks readings against. */
  private JsonObject ranges(String city, boolean overridden) {
    var plausibility = catalog.directory().city(city).orElseThrow().plausibility();
    return new JsonObject().put("city", city).put("source", overridden ? "admin" : "city file")
        .mergeIn(PlausibilityJson.describe(plausibility));
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw new ApiException.BadRequest("body", "the body must be a JSON object, e.g. " + EXAMPLE);
  }

  private static Throwable orUnavailable(Throwable e) {
    if (e instanceof ApiException) {
      return e;
    }
    log.warn("plausibility request failed: {}", e.toString());
    return new ApiException.Unavailable("database unavailable");
  }
}
