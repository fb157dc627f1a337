package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.Kecamatan;
import id.pantau.city.RiverGauge;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The city as the wall screen draws it: kecamatan with their tiles, and the river gauges. */
final class CityInfo {
  private CityInfo() {
  }

  static JsonObject json(City city) {
    JsonArray kecamatan = new JsonArray();
    for (Kecamatan k : city.kecamatan()) {
      kecamatan.add(new JsonObject().put("slug", k.slug()).put("name", k.name()).put("zone", k.zone())
          .put("tile", k.tileRow() == null ? null : new JsonArray().add(k.tileRow()).add(k.tileCol())));
    }
    JsonArray gauges = new JsonArray();
    for (RiverGauge g : city.gauges()) {
      gauges.add(new JsonObject().put("sensor", g.sensor()).put("river", g.river()).put("kecamatan", g.kecamatan()));
    }
    return new JsonObject().put("slug", city.slug()).put("name", city.name()).put("timezone", city.timezone().getId())
        .put("kecamatan", kecamatan).put("gauges", gauges);
  }
}
