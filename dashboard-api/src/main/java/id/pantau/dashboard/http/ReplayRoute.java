package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.ShortCache;
import id.pantau.dashboard.view.KecamatanViews;
import id.pantau.dashboard.view.ReplayViews;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * A view as it stood at {@code ?at=}, for the replayed wall: computed on request from history
 * (never the live snapshot), all of a city's views at once and shared for a while by instant, so
 * the six requests of a wall moving its slider cost one computation. Answers carry {@code at}
 * and {@code "replay": true} and no ETag: they are not the live view.
 */
final class ReplayRoute {
  /** How long a replayed instant's views are kept: the past does not change, new late data aside. */
  private static final long CACHE_MS = 60_000;
  private static final int CACHE_ENTRIES = 200;

  private final Vertx vertx;
  private final CityDirectory cities;
  private final ReplayViews views;
  private final Duration retention;
  private final Clock clock;
  private final ShortCache<ReplayViews.Replay> cache = new ShortCache<>(CACHE_MS, CACHE_ENTRIES);

  ReplayRoute(Vertx vertx, CityDirectory cities, DataSource ds, Duration retention, Clock clock) {
    this.vertx = vertx;
    this.cities = cities;
    this.views = new ReplayViews(ds, cities);
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * Parses {@code at}: an ISO instant with its offset ({@code 2026-11-20T16:00+07:00} or
   * {@code ...Z}), to the second; 400 when it has no offset, is in the future, or is older than
   * the history kept.
   */
  Instant parse(String text) {
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      throw new ApiException.BadRequest("at", "at must be an instant with its offset, e.g. 2026-11-20T16:00+07:00; got '"
          + text + "'");
    }
    Instant now = clock.instant();
    if (at.isAfter(now)) {
      throw new ApiException.BadRequest("at", "at " + at + " is in the future (now " + now.truncatedTo(ChronoUnit.SECONDS)
          + "): the live view shows the present");
    }
    if (at.isBefore(now.minus(retention))) {
      throw new ApiException.BadRequest("at", "at " + at + " is older than the history kept ("
          + retention.toDays() + " days, retention.rollups)");
    }
    return at;
  }

  /** Serves {@code view} of the city (narrowed to {@code kecamatan} unless null) at the request's {@code at}. */
  void serve(RoutingContext ctx, String city, String kecamatan, String view) {
    Instant at = parse(ctx.queryParams().get("at"));
    City c = cities.city(city).orElseThrow();
    int cityId = cities.cityId(city).orElseThrow();
    cache.get(city + "@" + at, () -> vertx.executeBlocking(() -> views.compute(c, cityId, at), false))
        .onSuccess(replay -> {
          JsonObject body = replay.views().get(view).copy();
          if (kecamatan != null) {
            body = KecamatanViews.narrow(view, body, kecamatan, replay.complaints());
          }
          body.put("at", replay.at().toString()).put("replay", true);
          ctx.response().putHeader("Content-Type", "application/json")
              .putHeader("Cache-Control", "private, max-age=60").end(body.toBuffer());
        })
        .onFailure(e -> ctx.fail(e instanceof ApiException ? e : new ApiException.Unavailable(
            "the history could not be read: " + e)));
  }
}
