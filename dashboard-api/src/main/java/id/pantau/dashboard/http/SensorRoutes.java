package id.pantau.dashboard.http;

import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.quality.SensorStatus;
import id.pantau.dashboard.readmodel.MaintenanceStore;
import id.pantau.dashboard.readmodel.Rows;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kecamatan's sensors with the latest value of each of their metrics and their health, for its
 * detail view; and operators' maintenance marks on them (operator token).
 */
final class SensorRoutes {
  private static final Logger log = LoggerFactory.getLogger(SensorRoutes.class);
  private static final String LATEST = """
      SELECT s.external_id, m.name, m.unit, lv.value, lv.ts, s.first_gateway, sm.since, sm.set_by, sm.note
      FROM sensor s JOIN latest_value lv ON lv.sensor_id = s.id JOIN metric m ON m.id = lv.metric_id
      LEFT JOIN sensor_maintenance sm ON sm.sensor_id = s.id
      WHERE s.kecamatan_id = ? ORDER BY s.external_id, m.name""";
  private static final int MAX_NOTE = 500;
  private static final String OPERATOR = "pantau.operator";

  private final CityDirectory cities;
  private final DataSource ds;
  private final MaintenanceStore maintenance;
  private final Function<String, Optional<CityKpis>> kpis;

  SensorRoutes(CityDirectory cities, DataSource ds, Function<String, Optional<CityKpis>> kpis) {
    this.cities = cities;
    this.ds = ds;
    this.maintenance = new MaintenanceStore(ds);
    this.kpis = kpis;
  }

  void mount(Vertx vertx, Router router, ApiTokens tokens, Function<RoutingContext, String> cityOf) {
    router.get("/api/v1/kecamatan/:kec/sensors").handler(ctx -> {
      String city = cityOf.apply(ctx);
      String kec = ReadScope.kecamatan(ctx, city, ctx.pathParam("kec"));
      KecamatanRef ref = kecamatan(city, kec);
      Map<String, SensorStatus> health = health(city);
      vertx.executeBlocking(() -> load(ref, health, Instant.now()), false)
          .onSuccess(sensors -> ApiResponses.json(ctx, new JsonObject().put("city", city).put("kecamatan", ref.slug())
              .put("sensors", sensors)))
          .onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
    });
    // the token is checked before a byte of the body is read
    router.put("/api/v1/kecamatan/:kec/sensors/:sensor/maintenance").handler(ctx -> {
      ApiTokens.Holder operator = tokens.require(ctx, ApiTokens.Role.OPERATOR);
      operator.kecamatanScope(cityOf.apply(ctx), ctx.pathParam("kec")); // a kecamatan's operator: its own sensors only
      ctx.put(OPERATOR, operator);
      ctx.next();
    }).handler(JsonBody.upTo(4 * 1024)).handler(ctx -> put(vertx, ctx, cityOf.apply(ctx), ctx.get(OPERATOR)));
    router.delete("/api/v1/kecamatan/:kec/sensors/:sensor/maintenance").handler(ctx -> {
      ApiTokens.Holder operator = tokens.require(ctx, ApiTokens.Role.OPERATOR);
      String city = cityOf.apply(ctx);
      KecamatanRef ref = kecamatan(city, operator.kecamatanScope(city, ctx.pathParam("kec")));
      String sensor = ctx.pathParam("sensor");
      vertx.executeBlocking(() -> maintenance.remove(ref.id(), sensor), false).onSuccess(found -> {
        if (!found) {
          ctx.fail(new ApiException.NotFound("no sensor '" + sensor + "' in " + ref.slug()));
          return;
        }
        log.info("sensor maintenance ended city={} kecamatan={} sensor={} operator={}", city, ref.slug(), sensor,
            operator.name());
        ctx.response().setStatusCode(204).end();
      }).onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
    });
  }

  private void put(Vertx vertx, RoutingContext ctx, String city, ApiTokens.Holder operator) {
    KecamatanRef ref = kecamatan(city, ctx.pathParam("kec"));
    String sensor = ctx.pathParam("sensor");
    String note = note(ctx);
    vertx.executeBlocking(() -> maintenance.put(ref.id(), sensor, operator.name(), note), false).onSuccess(since -> {
      if (since.isEmpty()) {
        ctx.fail(new ApiException.NotFound("no sensor '" + sensor + "' in " + ref.slug()));
        return;
      }
      log.info("sensor in maintenance city={} kecamatan={} sensor={} operator={}", city, ref.slug(), sensor,
          operator.name());
      ApiResponses.json(ctx, new JsonObject().put("sensor", sensor).put("kecamatan", ref.slug())
          .put("maintenance", new JsonObject().put("since", since.get().toString()).put("by", operator.name())
              .put("note", note)));
    }).onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
  }

  /** The optional body {@code {"note": "..."}}: why, for the next shift. */
  private static String note(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      return null;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new ApiException.BadRequest("body", "the body must be empty or a JSON object: {\"note\": \"...\"}");
    }
    Object note = body == null ? null : body.getValue("note");
    if (note != null && !(note instanceof String)) {
      throw new ApiException.BadRequest("note", "note must be a string");
    }
    if (note != null && ((String) note).length() > MAX_NOTE) {
      throw new ApiException.BadRequest("note", "note is longer than " + MAX_NOTE + " characters");
    }
    return (String) note;
  }

  private KecamatanRef kecamatan(String city, String kec) {
    return cities.kecamatan(city, kec)
        .orElseThrow(() -> new ApiException.NotFound("kecamatan '" + kec + "' is not in " + city));
  }

  /** The health the last tick found, by sensor (empty before the first). */
  private Map<String, SensorStatus> health(String city) {
    Map<String, SensorStatus> out = new LinkedHashMap<>();
    kpis.apply(city).map(CityKpis::quality).ifPresent(q -> q.sensors().forEach(s -> out.put(s.sensor(), s)));
    return out;
  }

  private JsonArray load(KecamatanRef ref, Map<String, SensorStatus> health, Instant now) throws Exception {
    Map<String, JsonObject> sensors = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      Rows.each(c, LATEST, rs -> {
        JsonObject sensor = sensors.get(rs.getString(1));
        if (sensor == null) {
          sensor = new JsonObject().put("sensor", rs.getString(1)).put("gateway", rs.getString(6))
              .put("readings", new JsonArray());
          if (rs.getTimestamp(7) != null) {
            sensor.put("maintenance", new JsonObject().put("since", rs.getTimestamp(7).toInstant().toString())
                .put("by", rs.getString(8)).put("note", rs.getString(9)));
          }
          sensors.put(rs.getString(1), sensor);
        }
        Instant ts = rs.getTimestamp(5).toInstant();
        sensor.getJsonArray("readings").add(new JsonObject().put("metric", rs.getString(2)).put("unit", rs.getString(3))
            .put("value", rs.getDouble(4)).put("ts", ts.toString()));
        String newest = sensor.getString("lastReadingAt");
        if (newest == null || Instant.parse(newest).isBefore(ts)) {
          sensor.put("lastReadingAt", ts.toString())
              .put("lastReadingAgeSeconds", Math.max(0, Duration.between(ts, now).toSeconds()));
        }
      }, ref.id());
    }
    sensors.values().forEach(s -> state(s, health.get(s.getString("sensor"))));
    return new JsonArray(new ArrayList<>(sensors.values()));
  }

  /** An operator's mark shows at once; the rest is what the last tick found. */
  private static void state(JsonObject sensor, SensorStatus status) {
    JsonObject m = sensor.getJsonObject("maintenance");
    if (m != null) {
      sensor.put("state", "maintenance").put("reason", "maintenance").put("since", m.getString("since"));
    } else if (status != null) {
      sensor.put("state", status.state().label()).put("reason", status.reason())
          .put("since", status.since() == null ? null : status.since().toString()).put("detail", status.detail());
    }
  }
}
