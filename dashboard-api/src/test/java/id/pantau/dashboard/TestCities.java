package id.pantau.dashboard;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.Kecamatan;
import id.pantau.city.KecamatanRef;
import id.pantau.city.ResolutionRule;
import id.pantau.city.RiverGauge;
import id.pantau.dashboard.readmodel.SensorValue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Small cities for unit tests, shaped like Bandung's file (the same rules and gauge levels). */
public final class TestCities {
  public static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  /** wl-cikapundung-01: siaga 3 at 150 cm, siaga 2 at 200, siaga 1 at 250. */
  public static final RiverGauge CIKAPUNDUNG = new RiverGauge("wl-cikapundung-01", "Cikapundung", "coblong", 150, 200,
      250);
  /** Bandung's: pm25 above 150 opens a warning, below 120 clears it; flood hysteresis 10 cm; ISPU 101/90. */
  public static final AlertRules RULES = new AlertRules(
      List.of(new AlertRules.Threshold("pm25", null, 150, 120, "warning")), 10, 101, 90, true, 10, 15);

  private TestCities() {
  }

  public static City city(String slug) {
    return city(slug, RULES);
  }

  public static City city(String slug, AlertRules rules) {
    return new City(slug, "Kota " + slug, WIB,
        List.of(new Kecamatan("coblong", "Coblong", "north", null, null),
            new Kecamatan("sukajadi", "Sukajadi", "north", null, null)),
        List.of(CIKAPUNDUNG), List.of(new ResolutionRule("banjir", 6, ResolutionRule.Unit.HOURS)),
        new ResolutionRule("default", 3, ResolutionRule.Unit.WORKING_DAYS),
        new ResolutionRule("verification", 1, ResolutionRule.Unit.WORKING_DAYS), Set.of(), rules, false);
  }

  /** The kecamatan of {@link #city} as stored, city id {@code cityId}. */
  public static List<KecamatanRef> refs(String city, int cityId) {
    return List.of(new KecamatanRef(cityId * 10 + 1, cityId, city, "coblong", "Coblong", "north"),
        new KecamatanRef(cityId * 10 + 2, cityId, city, "sukajadi", "Sukajadi", "north"));
  }

  public static CityDirectory directory(City... cities) {
    List<KecamatanRef> refs = new java.util.ArrayList<>();
    for (int i = 0; i < cities.length; i++) {
      refs.addAll(refs(cities[i].slug(), i + 1));
    }
    return new CityDirectory(List.of(cities), refs);
  }

  public static SensorValue value(String sensor, String kecamatan, String metric, double value, Instant ts) {
    return new SensorValue(sensor, kecamatan, metric, "u", value, ts);
  }
}
