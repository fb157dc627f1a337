package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.SeriesQuery;
import id.pantau.dashboard.rapor.Rapor;
import id.pantau.dashboard.rapor.RaporCalculator;
import id.pantau.dashboard.rapor.RaporCsv;
import id.pantau.dashboard.rapor.RaporFigure;
import id.pantau.dashboard.rapor.RaporJson;
import id.pantau.dashboard.rapor.RaporPeriod;
import id.pantau.dashboard.rapor.RaporStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The kecamatan scorecard (rapor) for an evaluation meeting: {@code GET /api/v1/rapor} as JSON or
 * CSV, and {@code GET /api/v1/rapor/items}, the complaints, alerts or instructions behind one
 * figure. Read access as for every other read endpoint.
 */
final class RaporRoutes {
  private final CityDirectory cities;
  private final RaporStore store;

  /** @param batchRetention how long stored batches are kept ({@code retention.raw}), null if forever */
  RaporRoutes(CityDirectory cities, DataSource ds, java.time.Duration batchRetention) {
    this.cities = cities;
    this.store = new RaporStore(ds, SeriesQuery.hasHourlyAggregate(ds), batchRetention);
  }

  void mount(Vertx vertx, Router router, Function<RoutingContext, String> cityOf) {
    router.get("/api/v1/rapor").handler(ctx -> {
      boolean csv = wantsCsv(ctx);
      String kec = kecamatan(ctx, cityOf.apply(ctx));
      // a kecamatan token sees its own figures and ranks, not the city's totals, which hold the others'
      boolean withTotal = ReadScope.readersKecamatan(ctx) == null;
      compute(vertx, ctx, cityOf.apply(ctx)).onSuccess(r -> {
        if (csv) {
          ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").putHeader("Cache-Control", "no-cache")
              .putHeader("Content-Disposition", "attachment; filename=\"rapor-" + r.city() + "-"
                  + r.period().label() + (kec == null ? "" : "-" + kec) + ".csv\"")
              .end(RaporCsv.of(r, kec, withTotal));
        } else {
          ApiResponses.json(ctx, RaporJson.of(r, kec, withTotal));
        }
      });
    });
    router.get("/api/v1/rapor/items").handler(ctx -> {
      String city = cityOf.apply(ctx);
      String kec = kecamatan(ctx, city);
      String figureId = ctx.queryParams().get("figure");
      if (figureId == null) {
        throw new ApiException.BadRequest("figure", "figure is required, e.g. figure=verification_met_pct");
      }
      RaporFigure figure = RaporFigure.of(figureId);
      if (figure == null) {
        throw new ApiException.BadRequest("figure", "figure '" + figureId + "' is not one of the rapor's figures"
            + " (see 'figures' in GET /api/v1/rapor)");
      }
      compute(vertx, ctx, city).onSuccess(r -> {
        Rapor.Part part = kec == null ? r.total()
            : r.kecamatan().stream().filter(p -> p.slug().equals(kec)).findFirst().orElseThrow();
        ApiResponses.json(ctx, RaporJson.items(r, part, figureId, figure));
      });
    });
  }

  /** The rapor of the requested period, computed on a worker; a failure has already answered the request. */
  private Future<Rapor> compute(Vertx vertx, RoutingContext ctx, String citySlug) {
    var q = ctx.queryParams();
    RaporPeriod period;
    try {
      period = RaporPeriod.parse(q.get("period"), q.get("from"), q.get("to"));
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest(q.get("period") == null && q.get("from") != null ? "from" : "period", e.getMessage());
    }
    City city = cities.city(citySlug).orElseThrow();
    int cityId = cities.cityId(citySlug).orElseThrow();
    Instant asOf = Instant.now();
    return vertx.executeBlocking(() -> new RaporCalculator(city).compute(period,
            store.load(cityId, city.timezone(), period.previous().start(city.timezone()), period.end(city.timezone())), asOf), false)
        .onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  /** The kecamatan asked for (a kecamatan token's own without asking; 403 for another), null for the whole city. */
  private String kecamatan(RoutingContext ctx, String city) {
    String kec = ReadScope.kecamatan(ctx, city, ctx.queryParams().get("kecamatan"));
    if (kec != null && cities.kecamatan(city, kec).isEmpty()) {
      throw new ApiException.BadRequest("kecamatan", "kecamatan '" + kec + "' is not in " + city);
    }
    return kec;
  }

  /** CSV when asked by {@code format=csv} or an Accept header naming text/csv; JSON otherwise. */
  private static boolean wantsCsv(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if (format != null) {
      if (!format.equals("csv") && !format.equals("json")) {
        throw new ApiException.BadRequest("format", "format must be json or csv, is '" + format + "'");
      }
      return format.equals("csv");
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
  }
}
