package id.pantau.dashboard.view;

import id.pantau.dashboard.quality.Completeness;
import id.pantau.dashboard.quality.QualityReport;
import id.pantau.dashboard.quality.SensorState;
import id.pantau.dashboard.quality.SensorStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code quality} view's JSON: per kecamatan and for the city, completeness and sensor health. */
final class QualityJson {
  private QualityJson() {
  }

  static JsonObject of(String city, QualityReport q) {
    JsonObject kecamatan = new JsonObject();
    for (QualityReport.KecamatanQuality k : q.kecamatan()) {
      JsonArray attention = new JsonArray();
      q.sensors().stream().filter(s -> k.kecamatan().equals(s.kecamatan()) && s.state() != SensorState.OK)
          .forEach(s -> attention.add(sensor(s)));
      kecamatan.put(k.kecamatan(), figures(k).put("attention", attention));
    }
    return new JsonObject().put("city", city).put("total", figures(q.total())).put("kecamatan", kecamatan);
  }

  /** A sensor's state, reason, since-when and detail (what {@code /kecamatan/{kec}/sensors} shows too). */
  static JsonObject sensor(SensorStatus s) {
    return new JsonObject().put("sensor", s.sensor()).put("state", s.state().label()).put("reason", s.reason())
        .put("since", s.since() == null ? null : s.since().toString()).put("detail", s.detail());
  }

  private static JsonObject figures(QualityReport.KecamatanQuality k) {
    JsonArray hours = new JsonArray();
    k.hours().forEach(h -> hours.add(completeness(h)));
    JsonObject states = new JsonObject();
    int total = 0;
    for (var e : k.sensorsByState().entrySet()) {
      states.put(e.getKey().label(), e.getValue());
      total += e.getValue();
    }
    return new JsonObject()
        .put("completeness", new JsonObject().put("lastHour", completeness(k.lastHour()))
            .put("day", completeness(k.day())).put("currentHour", completeness(k.currentHour())).put("hours", hours))
        .put("sensors", states.put("total", total))
        .put("silentSensors", new JsonArray(k.silentSensors()))
        .put("flagged", counts(k.flagged())).put("refused", counts(k.refused()));
  }

  private static JsonObject counts(QualityReport.Counts c) {
    return new JsonObject().put("lastHour", c.lastHour()).put("day", c.day()).put("currentHour", c.currentHour());
  }

  private static JsonObject completeness(Completeness c) {
    return new JsonObject().put("from", c.from().toString()).put("to", c.to().toString())
        .put("expected", Math.round(c.expected() * 10) / 10.0).put("received", c.received()).put("percent", c.percent());
  }
}
