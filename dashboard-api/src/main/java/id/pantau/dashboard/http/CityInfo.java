package id.pantau.dashboard.http;

import id.pantau.city.City;
import id.pantau.city.Kecamatan;
import id.pantau.city.RiverGauge;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The city as the wall screen draws it: kecamatan with their tiles, the river gauges, and the
 * time zone the screen shows its times in, whatever the browser's own; for a screen narrowed to
 * one kecamatan, only that kecamatan and its gauges.
 */
final class CityInfo {
  /** WIB, WITA, WIT: what Indonesians call their zones (and the short name elsewhere, e.g. CET). */
  private static final DateTimeFormatter ZONE_LABEL = DateTimeFormatter.ofPattern("zzz", Locale.forLanguageTag("id"));

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
        .put("timezone", city.timezone().getId())
        .put("timezoneLabel", ZONE_LABEL.format(ZonedDateTime.now(city.timezone())))
        .put("kecamatan", kecamatan).put("gauges", gauges);
    return only == null ? out : out.put("kecamatanScope", only);
  }
}
