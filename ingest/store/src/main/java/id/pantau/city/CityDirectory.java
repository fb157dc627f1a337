package id.pantau.city;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cities served, with their database ids, looked up by slug or id. A city added over the
 * admin API replaces the whole directory at once ({@link #replace}), so a reader sees either the
 * old set of cities or the new one, never half of a change.
 */
public final class CityDirectory {
  private record State(List<City> cities, Map<String, City> bySlug, Map<String, KecamatanRef> kecamatanBySlugs,
                       Map<Integer, KecamatanRef> kecamatanById, Map<String, Integer> cityIds,
                       Set<Integer> allowListCityIds, Map<Integer, Plausibility> plausibilityByCityId) {
    static State of(List<City> cities, Collection<KecamatanRef> kecamatan) {
      Map<String, City> bySlug = new HashMap<>();
      cities.forEach(c -> bySlug.put(c.slug(), c));
      Map<String, KecamatanRef> bySlugs = new HashMap<>();
      Map<Integer, KecamatanRef> byId = new HashMap<>();
      Map<String, Integer> cityIds = new HashMap<>();
      for (KecamatanRef k : kecamatan) {
        bySlugs.put(k.citySlug() + "/" + k.slug(), k);
        byId.put(k.id(), k);
        cityIds.put(k.citySlug(), k.cityId());
      }
      Set<Integer> allowList = new HashSet<>();
      cities.stream().filter(City::sensorAllowList).map(c -> cityIds.get(c.slug())).filter(id -> id != null)
          .forEach(allowList::add);
      Map<Integer, Plausibility> plausibility = new HashMap<>();
      cities.stream().filter(c -> cityIds.containsKey(c.slug()))
          .forEach(c -> plausibility.put(cityIds.get(c.slug()), c.plausibility()));
      return new State(List.copyOf(cities), bySlug, bySlugs, byId, cityIds, Set.copyOf(allowList),
          Map.copyOf(plausibility));
    }
  }

  private volatile State state;

  public CityDirectory(List<City> cities, Collection<KecamatanRef> kecamatan) {
    this.state = State.of(cities, kecamatan);
  }

  /** Serves these cities from now on (as {@link CityStore#sync} read them back). */
  public void replace(CityDirectory next) {
    this.state = next.state;
  }

  public List<City> cities() {
    return state.cities();
  }

  public Optional<City> city(String slug) {
    return Optional.ofNullable(state.bySlug().get(slug));
  }

  public Optional<Integer> cityId(String slug) {
    return Optional.ofNullable(state.cityIds().get(slug));
  }

  public Optional<KecamatanRef> kecamatan(String citySlug, String kecamatanSlug) {
    return Optional.ofNullable(state.kecamatanBySlugs().get(citySlug + "/" + kecamatanSlug));
  }

  public Optional<KecamatanRef> kecamatan(int id) {
    return Optional.ofNullable(state.kecamatanById().get(id));
  }

  /** The city's (by database id) plausible ranges; the catalogue's for a city not (yet) known. */
  public Plausibility plausibility(int cityId) {
    return state.plausibilityByCityId().getOrDefault(cityId, Plausibility.catalogue());
  }

  /** Whether the city (by database id) accepts only sensors registered in advance. */
  public boolean requiresSensorRegistration(int cityId) {
    return state.allowListCityIds().contains(cityId);
  }
}
