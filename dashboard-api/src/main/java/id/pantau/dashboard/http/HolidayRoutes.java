package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.CityCatalog;
import id.pantau.city.Holiday;
import id.pantau.city.HolidayJson;
import id.pantau.dashboard.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A city's holidays over the admin API, a year at a time: read the year's effective list,
 * replace it, or go back to the city file's. Working-day targets (complaint verification and
 * follow-up) run over them: this node's next snapshot and Open311 answer follow them at once;
 * other nodes take them up at their next city reload ({@code cities.reloadInterval}), no restart.
 */
final class HolidayRoutes {
  private static final Logger log = LoggerFactory.getLogger(HolidayRoutes.class);
  private static final int BODY_LIMIT = 64 * 1024;
  private static final int FIRST_YEAR = 2000;
  private static final int LAST_YEAR = 2100;
  private static final String EXAMPLE = "{\"holidays\": [{\"date\": \"2026-03-20\", \"kind\": \"joint_leave\", "
      + "\"name\": \"Cuti bersama Idul Fitri\", \"source\": \"SKB No. 1497/2/5 of 2025\"}]}";
  static final String FILE = "city file";
  static final String ADMIN = "admin";

  private final CityCatalog catalog;

  HolidayRoutes(CityCatalog catalog) {
    this.catalog = catalog;
  }

  void mount(Vertx vertx, Router router, ApiTokens tokens, Function<RoutingContext, String> cityOf) {
    Handler<RoutingContext> ofCity = ctx -> AdminRoutes.authorised(ctx, tokens, cityOf.apply(ctx));
    router.get("/api/v1/admin/holidays").handler(ofCity).handler(ctx -> {
      String city = cityOf.apply(ctx);
      String year = ctx.queryParams().get("year");
      show(vertx, ctx, city, year == null ? LocalDate.now(zone(city)).getYear() : year(year, "year"));
    });
    router.put("/api/v1/admin/holidays/:year").handler(ofCity).handler(JsonBody.upTo(BODY_LIMIT))
        .handler(ctx -> replace(vertx, ctx, cityOf.apply(ctx), year(ctx.pathParam("year"), "year"),
            AdminRoutes.admin(ctx)));
    router.delete("/api/v1/admin/holidays/:year").handler(ofCity)
        .handler(ctx -> clear(vertx, ctx, cityOf.apply(ctx), year(ctx.pathParam("year"), "year"), AdminRoutes.admin(ctx)));
  }

  private void show(Vertx vertx, RoutingContext ctx, String city, int year) {
    vertx.executeBlocking(() -> catalog.holidayYearsOverridden(city).contains(year), false)
        .onSuccess(overridden -> ApiResponses.json(ctx, calendar(city, year, overridden)))
        .onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  private void replace(Vertx vertx, RoutingContext ctx, String city, int year, ApiTokens.Holder admin) {
    List<Holiday> days;
    try {
      days = HolidayJson.year(year, days(ctx));
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("body", e.getMessage());
    }
    vertx.executeBlocking(() -> {
      catalog.setHolidays(city, year, days, admin.name());
      return null;
    }, false).onSuccess(v -> {
      log.info("holidays set city={} year={} days={} by={}", city, year, days.size(), admin.name());
      ApiResponses.json(ctx, calendar(city, year, true));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  private void clear(Vertx vertx, RoutingContext ctx, String city, int year, ApiTokens.Holder admin) {
    vertx.executeBlocking(() -> catalog.clearHolidays(city, year), false).onSuccess(had -> {
      log.info("holidays back to the city file's city={} year={} hadOverride={} by={}", city, year, had, admin.name());
      ApiResponses.json(ctx, calendar(city, year, false));
    }).onFailure(e -> ctx.fail(orUnavailable(e)));
  }

  /** {city, year, origin, holidays: [{date, kind, name, source, origin}], warnings}: the days this node counts. */
  private JsonObject calendar(String slug, int year, boolean overridden) {
    City city = catalog.directory().city(slug).orElseThrow();
    String origin = overridden ? ADMIN : FILE;
    JsonArray days = new JsonArray();
    for (Holiday h : city.holidays().inYear(year)) {
      days.add(HolidayJson.describe(h).put("origin", origin));
    }
    return new JsonObject().put("city", slug).put("year", year).put("origin", origin).put("holidays", days)
        .put("warnings", new JsonArray(CityCatalog.holidayWarnings(city, LocalDate.now(city.timezone()))));
  }

  private java.time.ZoneId zone(String city) {
    return catalog.directory().city(city).orElseThrow().timezone();
  }

  private static int year(String text, String parameter) {
    try {
      int year = Integer.parseInt(text);
      if (year >= FIRST_YEAR && year <= LAST_YEAR) {
        return year;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException.BadRequest(parameter, parameter + " '" + text + "' must be a year from " + FIRST_YEAR
        + " to " + LAST_YEAR + ", e.g. 2026");
  }

  private static JsonArray days(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        for (String k : body.fieldNames()) {
          if (!k.equals("holidays")) {
            throw new ApiException.BadRequest("body", k + ": the body has only holidays, e.g. " + EXAMPLE);
          }
        }
        if (body.getValue("holidays") instanceof JsonArray days) {
          return days;
        }
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw new ApiException.BadRequest("body", "the body must be a JSON object with the year's whole list, e.g. "
        + EXAMPLE);
  }

  private static Throwable orUnavailable(Throwable e) {
    if (e instanceof ApiException) {
      return e;
    }
    log.warn("holidays request failed: {}", e.toString());
    return new ApiException.Unavailable("database unavailable");
  }
}
