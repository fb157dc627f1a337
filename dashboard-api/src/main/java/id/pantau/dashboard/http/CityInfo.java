package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.Kecamatan;
import id.pantau.city.RiverGauge;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The city as the wall screen draws it: kecamatan with their tiles, and the river gauges; for a
 * screen narrowed to one kecamatan, only that kecamatan and its gauges.
 */
final class CityInfo {
  private CityInfo() {
  }

  /** @param only the one kecamatan to describe (null: all) */
  static JsonObject json(City city, String only) {
    JsonArray kecamatan = new JsonArray();
    for (Kecamatan k : city.kecamatan()) {
      if (only != null && !only.equals(k.slug())) {
        continue;
      }
      kecamatan.add(new JsonObject().put("slug", k.slug()).put("name", k.name()).put("zone", k.zone())
          .put("tile", k.tileRow() == null ? null : new JsonArray().add(k.tileRow()).add(k.tileCol())));
    }
    JsonArray gauges = new JsonArray();
    for (RiverGauge g : city.gauges()) {
      if (only != null && !only.equals(g.kecamatan())) {
        continue;
      }
      gauges.add(new JsonObject().put("sensor", g.sensor()).put("river", g.river()).put("kecamatan", g.kecamatan()));
    }
    JsonObject out = new JsonObject().put("slug", city.slug()).put("name", city.name())
        .put("timezone", city.timezone().getId()).put("kecamatan", kecamatan).put("gauges", gauges);
    return only == null ? out : out.put("kecamatanScope", only);
  }
}
