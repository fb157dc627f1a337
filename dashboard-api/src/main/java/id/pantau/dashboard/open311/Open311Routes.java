package id.pantau.dashboard.open311;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.ShortCache;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Open311 GeoReport v2 read endpoints (JSON) over the complaints, so existing civic apps can
 * read them: {@code /open311/v2/services.json}, {@code /open311/v2/requests.json} and
 * {@code /open311/v2/requests/{id}.json}. {@code jurisdiction_id} is the city slug. A reader
 * limited to one kecamatan gets that kecamatan's requests in lists, and 403 for a single request
 * of another kecamatan.
 */
public final class Open311Routes {
  private final Vertx vertx;
  private final CityDirectory cities;
  private final String defaultCity;
  private final Open311Query query;
  private final ShortCache<List<Open311Query.Request>> cache;
  private Function<RoutingContext, String> readersKecamatan = ctx -> null;

  public Open311Routes(Vertx vertx, CityDirectory cities, String defaultCity, DataSource ds, long cacheMillis) {
    this.vertx = vertx;
    this.cities = cities;
    this.defaultCity = defaultCity;
    this.query = new Open311Query(ds);
    this.cache = new ShortCache<>(cacheMillis, 500);
  }

  /** @param readersKecamatan the one kecamatan the request's reader may see (null: the whole city) */
  public void mount(Router router, Function<RoutingContext, String> readersKecamatan) {
    this.readersKecamatan = readersKecamatan;
    router.get("/open311/v2/services.json").handler(ctx -> {
      city(ctx);
      json(ctx, Open311Services.list());
    });
    router.get("/open311/v2/requests.json").handler(ctx -> requests(ctx, ctx.queryParams().get("service_request_id"), false));
    router.get("/open311/v2/requests/:id.json").handler(ctx -> requests(ctx, ctx.pathParam("id"), true));
  }

  private void requests(RoutingContext ctx, String ids, boolean single) {
    City city = city(ctx);
    int cityId = cities.cityId(city.slug()).orElseThrow();
    String readers = readersKecamatan.apply(ctx);
    // a single request is looked up city-wide, so one of another kecamatan is refused, not "not found"
    String kecamatan = single ? null : readers;
    var q = ctx.queryParams();
    var filters = Open311Query.Filters.parse(ids, q.get("service_code"), q.get("start_date"), q.get("end_date"),
        q.get("status"), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String key = city.slug() + "|" + kecamatan + "|" + ids + "|" + q.get("service_code") + "|" + filters.start() + "|"
        + filters.end() + "|" + filters.status();
    cache.get(key, () -> vertx.executeBlocking(() -> query.requests(city, cityId, kecamatan, filters), false))
        .onSuccess(list -> {
          if (single && list.isEmpty()) {
            ctx.fail(new ApiException.NotFound("no service request '" + ids + "'"));
          } else if (single && readers != null && !readers.equals(list.get(0).kecamatan())) {
            ctx.fail(new ApiException.Forbidden("service request '" + ids + "' is of kecamatan " + list.get(0).kecamatan()
                + "; this token reads kecamatan " + readers + " only"));
          } else {
            json(ctx, new JsonArray(list.stream().map(r -> (Object) r.json()).toList()));
          }
        })
        .onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  private City city(RoutingContext ctx) {
    String slug = jurisdiction(ctx);
    String city = slug == null ? defaultCity : slug;
    return cities.city(city).orElseThrow(() -> new ApiException.NotFound("unknown jurisdiction_id '" + slug + "'"));
  }

  /**
   * The city an Open311 request names: its {@code jurisdiction_id} (null: the default city). The
   * read check authorises exactly this, so a request naming another city as {@code city} is
   * refused rather than letting one parameter be checked and the other served.
   */
  public static String jurisdiction(RoutingContext ctx) {
    String jurisdiction = ctx.queryParams().get("jurisdiction_id");
    String city = ctx.queryParams().get("city");
    if (city != null && !city.equals(jurisdiction)) {
      throw new ApiException.BadRequest("jurisdiction_id", "Open311 names the city as jurisdiction_id only; "
          + "drop city=" + city + " or make it equal");
    }
    return jurisdiction;
  }

  private static void json(RoutingContext ctx, JsonArray body) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.toBuffer());
  }
}
