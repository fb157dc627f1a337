package id.pantau.city;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cities a deployment serves: those of {@code cities.files}, read at start, and those added
 * over the admin API, whose definitions live in the database so that every node loads them and
 * they outlive restarts. A node notices another node's addition at its next {@link #reloadIfChanged}.
 * A city named in a file is the file's: the API may not replace it. Plausible ranges and years of
 * holidays an administrator set (any city's) replace the file's or the definition's, and are
 * reloaded the same way.
 */
public final class CityCatalog {
  private static final Logger log = LoggerFactory.getLogger(CityCatalog.class);
  private static final String CLEAR_FILE_DEFINITIONS = "UPDATE city SET definition = NULL WHERE slug = ANY (?)";
  private static final String API_DEFINITIONS = "SELECT slug, definition::text FROM city WHERE definition IS NOT NULL ORDER BY slug";
  // what other nodes change: an API city's definition, a city's plausible ranges or a year of its holidays
  private static final String LAST_CHANGE = "SELECT coalesce((SELECT max(updated_at) FROM city WHERE definition IS NOT NULL)"
      + "::text, '') || '|' || (" + PlausibilityOverrides.VERSION + ") || '|' || (" + HolidayOverrides.VERSION + ")";
  private static final String SAVE_DEFINITION = "UPDATE city SET definition = ?::jsonb, updated_at = now() WHERE slug = ?";

  private final DataSource ds;
  private final CityStore store;
  private final List<City> fileCities;
  private final Set<String> fileSlugs;
  private final CityDirectory directory;
  private final PlausibilityOverrides plausibility;
  private final HolidayOverrides holidays;
  private String seen;

  private CityCatalog(DataSource ds, List<City> fileCities) throws SQLException {
    this.ds = ds;
    this.store = new CityStore(ds);
    this.plausibility = new PlausibilityOverrides(ds);
    this.holidays = new HolidayOverrides(ds);
    this.fileCities = List.copyOf(fileCities);
    this.fileSlugs = fileCities.stream().map(City::slug).collect(Collectors.toUnmodifiableSet());
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(CLEAR_FILE_DEFINITIONS)) {
      ps.setArray(1, c.createArrayOf("text", fileSlugs.toArray()));
      ps.executeUpdate();
    }
    this.seen = lastChange();
    this.directory = store.sync(withApiCities());
    directory.cities().forEach(CityCatalog::warnOfMissingHolidays);
  }

  /** Working-day targets silently count a forgotten year's holidays as working days: say so. */
  private static void warnOfMissingHolidays(City city) {
    holidayWarnings(city, java.time.LocalDate.now(city.timezone())).forEach(log::warn);
  }

  /** Writes the file cities to the database and loads the API's. */
  public static CityCatalog open(DataSource ds, List<City> fileCities) throws SQLException {
    return new CityCatalog(ds, fileCities);
  }

  /** The live directory: the same object for the node's life, its contents replaced on change. */
  public CityDirectory directory() {
    return directory;
  }

  /**
   * Adds or replaces a city defined over the API.
   *
   * @return true when the city is new
   * @throws IllegalArgumentException when the definition is not a valid city
   * @throws IllegalStateException when a city file defines this city
   */
  public synchronized boolean put(JsonObject definition) throws SQLException {
    City parsed = CityFiles.fromJson(definition);
    City city = withHolidays(withOverride(parsed, plausibility.loadAll().get(parsed.slug())),
        holidays.loadAll().get(parsed.slug()));
    if (fileSlugs.contains(city.slug())) {
      throw new IllegalStateException("city '" + city.slug() + "' is defined by a file in cities.files on the nodes;"
          + " change it there");
    }
    boolean isNew = directory.city(city.slug()).isEmpty();
    List<City> cities = new ArrayList<>(directory.cities());
    cities.removeIf(c -> c.slug().equals(city.slug()));
    cities.add(city);
    CityDirectory next = store.sync(cities);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE_DEFINITION)) {
      ps.setString(1, definition.encode());
      ps.setString(2, city.slug());
      ps.executeUpdate();
    }
    directory.replace(next);
    return isNew;
  }

  /** Loads the API's cities again if another node changed them since the last look. */
  public synchronized boolean reloadIfChanged() throws SQLException {
    String last = lastChange();
    if (last.equals(seen)) {
      return false;
    }
    seen = last;
    directory.replace(store.sync(withApiCities()));
    log.info("cities reloaded cities={}", directory.cities().stream().map(City::slug).toList());
    return true;
  }

  /**
   * Replaces a city's plausible ranges with an administrator's, in force on this node at once and
   * on the others at their next reload.
   *
   * @param ranges {@code {"plausibility": {...}, "sensorPlausibility": {...}}}, as in a city file
   * @throws IllegalArgumentException when the ranges are not valid for the city, naming the entry
   */
  public synchronized void setPlausibility(String slug, JsonObject ranges, String by) throws SQLException {
    City city = directory.city(slug).orElseThrow(() -> new IllegalArgumentException("no city " + slug));
    PlausibilityJson.override(ranges, city);
    plausibility.save(slug, ranges, by);
    directory.replace(store.sync(withApiCities()));
  }

  /** Back to the city file's ranges; false when the city had no override. */
  public synchronized boolean clearPlausibility(String slug) throws SQLException {
    boolean had = plausibility.delete(slug);
    directory.replace(store.sync(withApiCities()));
    return had;
  }

  /** Whether an administrator set the city's plausible ranges (else they are its file's). */
  public boolean plausibilityOverridden(String slug) throws SQLException {
    return plausibility.loadAll().containsKey(slug);
  }

  /**
   * Replaces a year of a city's holidays with an administrator's list, in force on this node at
   * once (complaint deadlines) and on the others at their next reload.
   *
   * @param days the year's whole list, as {@link HolidayJson#year} checked it
   * @throws IllegalArgumentException when a day is not in {@code year}
   */
  public synchronized void setHolidays(String slug, int year, List<Holiday> days, String by) throws SQLException {
    directory.city(slug).orElseThrow(() -> new IllegalArgumentException("no city " + slug));
    days.stream().filter(h -> h.date().getYear() != year).findFirst().ifPresent(h -> {
      throw new IllegalArgumentException(h.date() + " is not in " + year);
    });
    holidays.save(slug, year, HolidayJson.describe(days), by);
    directory.replace(store.sync(withApiCities()));
    directory.city(slug).ifPresent(CityCatalog::warnOfMissingHolidays);
  }

  /** Back to the city file's holidays for that year; false when the year had no override. */
  public synchronized boolean clearHolidays(String slug, int year) throws SQLException {
    boolean had = holidays.delete(slug, year);
    directory.replace(store.sync(withApiCities()));
    directory.city(slug).ifPresent(CityCatalog::warnOfMissingHolidays);
    return had;
  }

  /** The years of the city's holidays an administrator set (the others are its file's). */
  public Set<Integer> holidayYearsOverridden(String slug) throws SQLException {
    return Set.copyOf(holidays.loadAll().getOrDefault(slug, Map.of()).keySet());
  }

  /**
   * Why the city's working-day targets may be wrong as of {@code today}: a year (this one, or
   * from October the next) with no holidays, which would count every weekday as a working day.
   */
  public static List<String> holidayWarnings(City city, java.time.LocalDate today) {
    return city.holidays().missingYears(today).stream().map(year -> "holidays: city " + city.slug()
        + " has none for " + year + ", so complaint targets count every weekday of " + year
        + " as a working day; add its national and joint-leave days (the joint ministerial decree) and local"
        + " holidays: PUT /api/v1/admin/holidays/" + year + " or the city's 'holidays'").toList();
  }

  private List<City> withApiCities() throws SQLException {
    List<City> cities = new ArrayList<>(fileCities);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(API_DEFINITIONS);
         var rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          cities.add(CityFiles.fromJson(new JsonObject(rs.getString(2))));
        } catch (RuntimeException e) {
          log.error("city {} stored by the admin API no longer loads, skipped: {}", rs.getString(1), e.getMessage());
        }
      }
    }
    Map<String, JsonObject> overrides = plausibility.loadAll();
    cities.replaceAll(city -> withOverride(city, overrides.get(city.slug())));
    Map<String, Map<Integer, JsonArray>> years = holidays.loadAll();
    cities.replaceAll(city -> withHolidays(city, years.get(city.slug())));
    return cities;
  }

  /** The city with an administrator's years of holidays; a year that no longer loads keeps the file's. */
  private static City withHolidays(City city, Map<Integer, JsonArray> years) {
    if (years == null) {
      return city;
    }
    HolidayCalendar calendar = city.holidays();
    for (var year : years.entrySet()) {
      try {
        calendar = calendar.withYear(year.getKey(), HolidayJson.year(year.getKey(), year.getValue()));
      } catch (IllegalArgumentException e) {
        log.error("city={} holidays of {} set over the admin API no longer load, the file's apply: {}",
            city.slug(), year.getKey(), e.getMessage());
      }
    }
    return city.withHolidays(calendar);
  }

  /** The city with an administrator's plausible ranges; with its file's when there are none or they no longer fit. */
  private static City withOverride(City city, JsonObject ranges) {
    if (ranges == null) {
      return city;
    }
    try {
      return city.withPlausibility(PlausibilityJson.override(ranges, city));
    } catch (IllegalArgumentException e) {
      log.error("city={} plausible ranges set over the admin API no longer fit the city, its file's apply: {}",
          city.slug(), e.getMessage());
      return city;
    }
  }

  private String lastChange() throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LAST_CHANGE);
         var rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
