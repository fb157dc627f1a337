package id.pantau.city;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured cities with their database ids, looked up by slug or id. Immutable. */
public final class CityDirectory {
  private final List<City> cities;
  private final Map<String, KecamatanRef> bySlugs = new HashMap<>();
  private final Map<Integer, KecamatanRef> byId = new HashMap<>();
  private final Map<String, Integer> cityIds = new HashMap<>();

  public CityDirectory(List<City> cities, Collection<KecamatanRef> kecamatan) {
    this.cities = List.copyOf(cities);
    for (KecamatanRef k : kecamatan) {
      bySlugs.put(k.citySlug() + "/" + k.slug(), k);
      byId.put(k.id(), k);
      cityIds.put(k.citySlug(), k.cityId());
    }
  }

  public List<City> cities() {
    return cities;
  }

  public Optional<City> city(String slug) {
    return cities.stream().filter(c -> c.slug().equals(slug)).findFirst();
  }

  public Optional<Integer> cityId(String slug) {
    return Optional.ofNullable(cityIds.get(slug));
  }

  public Optional<KecamatanRef> kecamatan(String citySlug, String kecamatanSlug) {
    return Optional.ofNullable(bySlugs.get(citySlug + "/" + kecamatanSlug));
  }

  public Optional<KecamatanRef> kecamatan(int id) {
    return Optional.ofNullable(byId.get(id));
  }
}
