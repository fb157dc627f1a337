package id.pantau.dashboard.view;

import id.pantau.city.RiverGauge;
import id.pantau.dashboard.kpi.FloodStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code flood} view's JSON. */
final class FloodJson {
  private FloodJson() {
  }

  static JsonObject of(String city, FloodStatus flood) {
    JsonArray gauges = new JsonArray();
    for (FloodStatus.GaugeStatus s : flood.gauges()) {
      RiverGauge g = s.gauge();
      JsonObject gauge = new JsonObject().put("sensor", g.sensor()).put("river", g.river())
          .put("kecamatan", g.kecamatan()).put("thresholdsCm", new JsonObject().put("siaga3", g.siaga3Cm())
              .put("siaga2", g.siaga2Cm()).put("siaga1", g.siaga1Cm()));
      if (s.hasData()) {
        FloodStatus.Reading r = s.reading();
        gauge.put("status", r.level().name().toLowerCase(java.util.Locale.ROOT)).put("label", r.level().label())
            .put("levelCm", r.levelCm()).put("ts", r.ts().toString());
      } else {
        gauge.put("status", "no_data");
        if (s.untrusted()) {
          gauge.put("untrusted", true); // its sensor is suspect or in maintenance: see /api/v1/quality
        }
      }
      gauges.add(gauge);
    }
    return new JsonObject().put("city", city).put("gauges", gauges);
  }
}
