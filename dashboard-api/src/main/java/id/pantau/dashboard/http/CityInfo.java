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
 * time zone the screen shows its times in, whatever the browser's own.
 */
final class CityInfo {
  /** WIB, WITA, WIT: what Indonesians call their zones (and the short name elsewhere, e.g. CET). */
  private static final DateTimeFormatter ZONE_LABEL = DateTimeFormatter.ofPattern("zzz", Locale.forLanguageTag("id"));

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
        .put("timezoneLabel", ZONE_LABEL.format(ZonedDateTime.now(city.timezone())))
        .put("kecamatan", kecamatan).put("gauges", gauges);
  }
}
