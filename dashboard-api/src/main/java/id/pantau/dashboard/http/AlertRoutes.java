package id.pantau.dashboard.http;

import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.alert.AlertJson;
import id.pantau.dashboard.alert.Alerts;
import id.pantau.store.DownlinkStore;
import id.pantau.wire.GatewayTopic;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' side of alerts: history, acknowledgement, and instructions sent down to a
 * kecamatan. Writes need an operator token; every write is logged with the operator's name. A
 * kecamatan token reads, acknowledges and instructs its own kecamatan only.
 */
final class AlertRoutes {
  private static final Logger log = LoggerFactory.getLogger(AlertRoutes.class);
  private static final Set<String> PRIORITIES = Set.of("normal", "high", "urgent");
  private static final int MAX_TEXT = 1000;
  private static final String OPERATOR = "pantau.operator";

  private final CityDirectory cities;
  private final Alerts alerts;
  private final DownlinkStore downlinks;

  AlertRoutes(CityDirectory cities, DataSource ds) {
    this.cities = cities;
    this.alerts = new Alerts(ds);
    this.downlinks = new DownlinkStore(ds);
  }

  void mount(Vertx vertx, Router router, ApiTokens tokens, Function<RoutingContext, String> cityOf) {
    router.get("/api/v1/alerts/history").handler(ctx -> history(vertx, ctx, cityOf.apply(ctx)));
    router.post("/api/v1/alerts/:id/acknowledge").handler(ctx -> {
      ApiTokens.Holder operator = tokens.require(ctx, ApiTokens.Role.OPERATOR);
      String city = cityOf.apply(ctx);
      operator.mayActOn(city);
      acknowledge(vertx, ctx, city, operator);
    });
    // the token is checked before a byte of the body is read
    router.post("/api/v1/kecamatan/:kec/instructions").handler(ctx -> {
      ApiTokens.Holder operator = tokens.require(ctx, ApiTokens.Role.OPERATOR);
      operator.kecamatanScope(cityOf.apply(ctx), ctx.pathParam("kec"));
      ctx.put(OPERATOR, operator);
      ctx.next();
    }).handler(JsonBody.upTo(16 * 1024)).handler(ctx -> {
      ApiTokens.Holder operator = ctx.get(OPERATOR);
      instruct(vertx, ctx, cityOf.apply(ctx), operator.name());
    });
  }

  private void history(Vertx vertx, RoutingContext ctx, String city) {
    var q = ctx.queryParams();
    String kec = ReadScope.kecamatan(ctx, city, q.get("kecamatan"));
    if (kec != null && cities.kecamatan(city, kec).isEmpty()) {
      throw new ApiException.BadRequest("kecamatan", "kecamatan '" + kec + "' is not in " + city);
    }
    String state = q.get("state") == null ? "all" : q.get("state");
    if (!state.equals("all") && !state.equals("active")) {
      throw new ApiException.BadRequest("state", "state must be active or all, is '" + state + "'");
    }
    Instant to = instant(q.get("to"), "to", Instant.now().plusSeconds(1));
    Instant from = instant(q.get("from"), "from", to.minus(7, ChronoUnit.DAYS));
    if (!from.isBefore(to)) {
      throw new ApiException.BadRequest("from", "from must be before to");
    }
    int limit = limit(q.get("limit"));
    int cityId = cities.cityId(city).orElseThrow();
    vertx.executeBlocking(() -> alerts.history(cityId, kec, state.equals("active"), from, to, limit), false)
        .onSuccess(list -> ApiResponses.json(ctx, new JsonObject().put("city", city).put("from", from.toString())
            .put("to", to.toString()).put("alerts", AlertJson.list(list))))
        .onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  private void acknowledge(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder operator) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiException.BadRequest("id", "alert id must be a number, is '" + ctx.pathParam("id") + "'");
    }
    int cityId = cities.cityId(city).orElseThrow();
    vertx.executeBlocking(() -> alerts.acknowledge(id, cityId, operator.kecamatan(), operator.name()), false)
        .onSuccess(outcome -> {
          if (outcome instanceof Alerts.Acknowledgement.Done done) {
            log.info("alert acknowledged id={} city={} operator={}", id, city, operator.name());
            ApiResponses.json(ctx, AlertJson.of(done.alert()));
          } else if (outcome instanceof Alerts.Acknowledgement.OtherKecamatan other) {
            ctx.fail(new ApiException.Forbidden(operator.name() + " acknowledges alerts of kecamatan "
                + operator.kecamatan() + " of " + city + " only; alert " + id + " is "
                + (other.kecamatan() == null ? "city-wide" : "of " + other.kecamatan())));
          } else {
            ctx.fail(new ApiException.NotFound("no alert " + id + " in " + city));
          }
        }).onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  private void instruct(Vertx vertx, RoutingContext ctx, String city, String operator) {
    String kec = ctx.pathParam("kec");
    KecamatanRef ref = cities.kecamatan(city, kec)
        .orElseThrow(() -> new ApiException.NotFound("kecamatan '" + kec + "' is not in " + city));
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ApiException.BadRequest("body", "the body must be a JSON object: {\"text\": \"...\", \"priority\": \"normal\"}");
    }
    if (body == null || !(body.getValue("text") instanceof String text) || text.isBlank()) {
      throw new ApiException.BadRequest("text", "text is required: what the kecamatan should do");
    }
    if (text.length() > MAX_TEXT) {
      throw new ApiException.BadRequest("text", "text is longer than " + MAX_TEXT + " characters");
    }
    String priority = body.getValue("priority") == null ? "normal" : String.valueOf(body.getValue("priority"));
    if (!PRIORITIES.contains(priority)) {
      throw new ApiException.BadRequest("priority", "priority must be one of normal, high, urgent, is '" + priority + "'");
    }
    String topic = GatewayTopic.name(city, kec, GatewayTopic.Kind.ALERTS);
    vertx.executeBlocking(() -> {
      JsonObject payload = new JsonObject().put("type", "instruction").put("text", text).put("priority", priority)
          .put("from", operator).put("at", Instant.now().toString());
      long id = downlinks.publish(ref.cityId(), ref.id(), "instruction", payload.encode(), operator);
      return payload.put("id", id);
    }, false).onSuccess(payload -> {
      log.info("instruction queued id={} city={} kecamatan={} operator={}", payload.getLong("id"), city, kec, operator);
      ctx.response().setStatusCode(202);
      ApiResponses.json(ctx, new JsonObject().put("id", payload.getLong("id")).put("topic", topic).put("message", payload));
    }).onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  private static Instant instant(String text, String parameter, Instant fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiException.BadRequest(parameter, parameter + " must be an ISO-8601 instant like 2026-11-24T08:00:00Z, is '" + text + "'");
    }
  }

  private static int limit(String text) {
    if (text == null) {
      return 200;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException.BadRequest("limit", "limit must be a whole number from 1 to 1000, is '" + text + "'");
  }
}
