package id.pantau.dashboard.view;

import id.pantau.dashboard.kpi.AirQuality;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The {@code air} view's JSON. */
final class AirJson {
  private AirJson() {
  }

  static JsonObject of(String city, AirQuality air) {
    JsonObject byKecamatan = new JsonObject();
    air.byKecamatan().forEach((kecamatan, k) -> byKecamatan.put(kecamatan, kecamatan(k)));
    return new JsonObject().put("city", city).put("kecamatan", byKecamatan);
  }

  /** The headline follows the first pollutant: the order screens have always been served (the ETag hashes it). */
  private static JsonObject kecamatan(AirQuality.KecamatanAir k) {
    List<AirQuality.PollutantIndex> pollutants = k.pollutants();
    JsonObject out = new JsonObject();
    pollutant(out, pollutants.get(0));
    if (k.sufficient()) {
      out.put("ispu", k.ispu()).put("critical", k.critical().pollutant().wireName())
          .put("category", k.category().indonesian()).put("categoryEn", k.category().english()).put("colour", k.category().colour());
    } else {
      out.put("ispu", null).put("critical", null).put("category", null).put("categoryEn", null).put("colour", null);
    }
    out.put("insufficient", !k.sufficient()).put("hoursWithData", k.hoursWithData())
        .put("hoursRequired", k.critical().hoursRequired());
    pollutants.subList(1, pollutants.size()).forEach(p -> pollutant(out, p));
    return out;
  }

  private static void pollutant(JsonObject out, AirQuality.PollutantIndex p) {
    out.put(p.pollutant().wireName(), new JsonObject().put("mean24h", p.mean24h()).put("readings", p.readings())
        .put("ispu", p.ispu()).put("hoursWithData", p.hoursWithData()));
  }
}
