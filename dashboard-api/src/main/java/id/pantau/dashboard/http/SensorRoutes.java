package id.pantau.dashboard.http;

import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.readmodel.Rows;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/** A kecamatan's sensors with the latest value of each of their metrics, for its detail view. */
final class SensorRoutes {
  private static final String LATEST = """
      SELECT s.external_id, m.name, m.unit, lv.value, lv.ts, s.first_gateway
      FROM sensor s JOIN latest_value lv ON lv.sensor_id = s.id JOIN metric m ON m.id = lv.metric_id
      WHERE s.kecamatan_id = ? ORDER BY s.external_id, m.name""";

  private final CityDirectory cities;
  private final DataSource ds;

  SensorRoutes(CityDirectory cities, DataSource ds) {
    this.cities = cities;
    this.ds = ds;
  }

  void mount(Vertx vertx, Router router, Function<RoutingContext, String> cityOf) {
    router.get("/api/v1/kecamatan/:kec/sensors").handler(ctx -> {
      String city = cityOf.apply(ctx);
      String kec = ReadScope.kecamatan(ctx, city, ctx.pathParam("kec"));
      KecamatanRef ref = cities.kecamatan(city, kec)
          .orElseThrow(() -> new ApiException.NotFound("kecamatan '" + kec + "' is not in " + city));
      vertx.executeBlocking(() -> load(ref), false)
          .onSuccess(sensors -> ApiResponses.json(ctx, new JsonObject().put("city", city).put("kecamatan", kec)
              .put("sensors", sensors)))
          .onFailure(e -> ctx.fail(new ApiException.Unavailable("database unavailable")));
    });
  }

  private JsonArray load(KecamatanRef ref) throws Exception {
    Map<String, JsonObject> sensors = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      Rows.each(c, LATEST, rs -> {
        JsonObject sensor = sensors.get(rs.getString(1));
        if (sensor == null) {
          sensor = new JsonObject().put("sensor", rs.getString(1)).put("gateway", rs.getString(6))
              .put("readings", new JsonArray());
          sensors.put(rs.getString(1), sensor);
        }
        sensor.getJsonArray("readings").add(new JsonObject().put("metric", rs.getString(2)).put("unit", rs.getString(3))
            .put("value", rs.getDouble(4)).put("ts", rs.getTimestamp(5).toInstant().toString()));
      }, ref.id());
    }
    return new JsonArray(new ArrayList<>(sensors.values()));
  }
}
