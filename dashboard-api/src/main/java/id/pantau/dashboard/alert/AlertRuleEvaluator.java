package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import id.pantau.dashboard.kpi.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Applies a city's alert rules. Flood, air, complaint and gateway rules read the snapshot views
 * computed in the same tick, so an alert agrees with what the screens show; metric thresholds
 * read each sensor's latest value.
 */
final class AlertRuleEvaluator {
  private static final String LATEST = """
      SELECT s.external_id, k.slug, lv.value
      FROM latest_value lv JOIN sensor s ON s.id = lv.sensor_id JOIN kecamatan k ON k.id = s.kecamatan_id
      JOIN metric m ON m.id = lv.metric_id
      WHERE s.city_id = ? AND m.name = ? AND lv.ts > now() - make_interval(mins => ?)""";

  private final DataSource ds;
  private final ThresholdOverrides overrides;

  AlertRuleEvaluator(DataSource ds) {
    this.ds = ds;
    this.overrides = new ThresholdOverrides(ds);
  }

  List<AlertCondition> evaluate(City city, int cityId, Map<String, JsonObject> views, Instant now) throws Exception {
    AlertRules rules = city.alerts();
    List<AlertCondition> out = new ArrayList<>();
    thresholds(rules, cityId, out);
    flood(rules, views.get("flood"), out);
    air(rules, views.get("air"), out);
    if (rules.complaintBreaches()) {
      complaints(views.get("complaints"), out);
    }
    if (rules.gatewayOfflineMinutes() > 0) {
      gateways(rules, views.get("ingest"), now, out);
    }
    return out;
  }

  /** The city file's thresholds, or the ones an administrator set since. */
  private void thresholds(AlertRules rules, int cityId, List<AlertCondition> out) throws Exception {
    try (Connection c = ds.getConnection()) {
      List<AlertRules.Threshold> active = overrides.load(c, cityId).orElse(rules.thresholds());
      for (AlertRules.Threshold t : active) {
        Rows.each(c, LATEST, rs -> {
          String sensor = rs.getString(1);
          if (t.sensor() != null && !t.sensor().equals(sensor)) {
            return;
          }
          double v = rs.getDouble(3);
          AlertCondition.State state = v > t.above() ? AlertCondition.State.OPEN
              : v >= t.clearBelow() ? AlertCondition.State.HOLD : AlertCondition.State.CLEAR;
          out.add(new AlertCondition("threshold", t.metric() + ":" + sensor, rs.getString(2), state, t.severity(),
              t.metric() + " " + fmt(v) + " di " + sensor + " (batas " + fmt(t.above()) + ")",
              t.metric() + " " + fmt(v) + " at " + sensor + " (limit " + fmt(t.above()) + ")", v));
        }, cityId, t.metric(), rules.staleMinutes());
      }
    }
  }

  private static void flood(AlertRules rules, JsonObject view, List<AlertCondition> out) {
    if (view == null) {
      return;
    }
    for (Object o : view.getJsonArray("gauges", new JsonArray())) {
      JsonObject g = (JsonObject) o;
      String status = g.getString("status");
      if ("no_data".equals(status)) {
        continue;
      }
      double level = g.getDouble("levelCm");
      double siaga3 = g.getJsonObject("thresholdsCm").getDouble("siaga3");
      AlertCondition.State state = !"normal".equals(status) ? AlertCondition.State.OPEN
          : level >= siaga3 - rules.floodHysteresisCm() ? AlertCondition.State.HOLD : AlertCondition.State.CLEAR;
      String severity = switch (status) {
        case "siaga_1" -> "danger";
        case "siaga_2" -> "warning";
        default -> "watch";
      };
      String label = switch (status) {
        case "siaga_1" -> "Siaga 1";
        case "siaga_2" -> "Siaga 2";
        case "siaga_3" -> "Siaga 3";
        default -> "Normal";
      };
      out.add(new AlertCondition("flood", g.getString("sensor"), g.getString("kecamatan"), state, severity,
          label + " " + g.getString("river") + ": " + fmt(level) + " cm di " + g.getString("sensor"),
          label + " on the " + g.getString("river") + ": " + fmt(level) + " cm at " + g.getString("sensor"), level));
    }
  }

  private static void air(AlertRules rules, JsonObject view, List<AlertCondition> out) {
    if (view == null) {
      return;
    }
    JsonObject byKecamatan = view.getJsonObject("kecamatan", new JsonObject());
    for (String kec : byKecamatan.fieldNames()) {
      JsonObject k = byKecamatan.getJsonObject(kec);
      Integer ispu = k.getInteger("ispu");
      if (ispu == null) {
        continue;
      }
      AlertCondition.State state = ispu >= rules.ispuOpenAt() ? AlertCondition.State.OPEN
          : ispu >= rules.ispuClearBelow() ? AlertCondition.State.HOLD : AlertCondition.State.CLEAR;
      String severity = ispu >= 300 ? "danger" : ispu >= 200 ? "warning" : "watch";
      out.add(new AlertCondition("ispu", kec, kec, state, severity,
          "ISPU " + ispu + " (" + k.getString("category") + ") di " + kec,
          "AQI (ISPU) " + ispu + " (" + k.getString("categoryEn") + ") in " + kec, ispu.doubleValue()));
    }
  }

  private static void complaints(JsonObject view, List<AlertCondition> out) {
    if (view == null) {
      return;
    }
    Map<String, Integer> breachesByKecamatan = new HashMap<>();
    for (Object o : view.getJsonObject("breaches", new JsonObject()).getJsonArray("list", new JsonArray())) {
      JsonObject b = (JsonObject) o;
      if (b.getValue("resolvedAt") == null) { // still open past its target
        breachesByKecamatan.merge(Objects.toString(b.getString("kecamatan")), 1, Integer::sum);
      }
    }
    JsonObject open = view.getJsonObject("openByKecamatan", new JsonObject());
    for (String kec : open.fieldNames()) {
      breachesByKecamatan.putIfAbsent(kec, 0);
    }
    breachesByKecamatan.forEach((kec, n) -> out.add(new AlertCondition("complaint_breach", kec, kec,
        n > 0 ? AlertCondition.State.OPEN : AlertCondition.State.CLEAR, n >= 5 ? "warning" : "watch",
        n + " pengaduan melewati target penyelesaian di " + kec,
        n + " complaints past their resolution target in " + kec, (double) n)));
  }

  private static void gateways(AlertRules rules, JsonObject view, Instant now, List<AlertCondition> out) {
    if (view == null) {
      return;
    }
    Duration limit = Duration.ofMinutes(rules.gatewayOfflineMinutes());
    for (Object o : view.getJsonArray("gateways", new JsonArray())) {
      JsonObject g = (JsonObject) o;
      String lastSeen = g.getString("lastSeen");
      if (lastSeen == null) {
        continue; // never connected: provisioned, not yet installed
      }
      boolean online = g.getBoolean("online", false);
      long minutes = Duration.between(Instant.parse(lastSeen), now).toMinutes();
      AlertCondition.State state = online ? AlertCondition.State.CLEAR
          : Duration.between(Instant.parse(lastSeen), now).compareTo(limit) >= 0 ? AlertCondition.State.OPEN
          : AlertCondition.State.HOLD;
      out.add(new AlertCondition("gateway_offline", g.getString("id"), g.getString("kecamatan"), state, "warning",
          "Gateway " + g.getString("id") + " offline " + minutes + " menit",
          "Gateway " + g.getString("id") + " offline for " + minutes + " minutes", (double) minutes));
    }
  }

  private static String fmt(double v) {
    return AlertNumbers.format(v);
  }
}
