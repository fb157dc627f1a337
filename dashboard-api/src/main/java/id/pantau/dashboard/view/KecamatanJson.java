package id.pantau.dashboard.view;

import id.pantau.dashboard.kpi.KecamatanSnapshot;
import id.pantau.dashboard.kpi.TileStatus;
import id.pantau.dashboard.readmodel.MinuteRollup;
import id.pantau.dashboard.readmodel.SensorValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code kecamatan} view's JSON. */
final class KecamatanJson {
  private KecamatanJson() {
  }

  static JsonObject of(String city, KecamatanSnapshot snapshot) {
    JsonArray kecamatan = new JsonArray();
    for (KecamatanSnapshot.KecamatanStatus k : snapshot.kecamatan()) {
      JsonObject metrics = new JsonObject();
      k.metrics().forEach((name, m) -> metrics.put(name, metric(m, false)));
      JsonArray gateways = new JsonArray();
      k.gateways().forEach(g -> gateways.add(IngestJson.gateway(g, false)));
      JsonObject entry = new JsonObject().put("slug", k.slug()).put("name", k.name()).put("zone", k.zone())
          .put("metrics", metrics).put("gateways", gateways);
      TileStatus status = snapshot.status().get(k.slug());
      if (status != null) {
        entry.put("status", status.level().wireName()).put("statusReasons", reasons(status));
      }
      kecamatan.add(entry);
    }
    JsonObject cityWide = new JsonObject();
    snapshot.cityWide().forEach((name, m) -> cityWide.put(name, metric(m, true)));
    return new JsonObject().put("city", city).put("cityWide", cityWide).put("kecamatan", kecamatan);
  }

  private static JsonArray reasons(TileStatus status) {
    JsonArray out = new JsonArray();
    status.reasons().forEach(r -> out.add(new JsonObject().put("kind", r.kind()).put("level", r.level().wireName())));
    return out;
  }

  private static JsonObject metric(KecamatanSnapshot.MetricStatus m, boolean withKecamatan) {
    JsonObject out = new JsonObject();
    SensorValue v = m.latest();
    if (v != null) {
      JsonObject latest = new JsonObject().put("value", v.value()).put("ts", v.ts().toString())
          .put("sensor", v.sensor()).put("unit", v.unit());
      out.put("latest", withKecamatan ? latest.put("kecamatan", v.kecamatan()) : latest);
    }
    MinuteRollup r = m.lastMinute();
    if (r != null) {
      out.put("lastMinute", new JsonObject().put("minute", r.minute().toString()).put("count", r.count())
          .put("mean", r.mean()).put("min", r.min()).put("max", r.max()));
    }
    return out;
  }
}
