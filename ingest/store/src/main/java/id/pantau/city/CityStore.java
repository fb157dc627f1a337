package id.pantau.city;

import id.pantau.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the configured cities and kecamatan into the database and reads back their ids, and
 * pins the sensors a city names with a kecamatan (river gauges) to it.
 */
public final class CityStore {
  private static final Logger log = LoggerFactory.getLogger(CityStore.class);
  private static final String UPSERT_CITY = """
      INSERT INTO city (slug, name, timezone) VALUES (?, ?, ?)
      ON CONFLICT (slug) DO UPDATE SET name = excluded.name, timezone = excluded.timezone
      RETURNING id""";
  private static final String UPSERT_KECAMATAN = """
      INSERT INTO kecamatan (city_id, slug, name, zone) VALUES (?, ?, ?, ?)
      ON CONFLICT (city_id, slug) DO UPDATE SET name = excluded.name, zone = excluded.zone
      RETURNING id""";

  // the city file is the authority on its gauges: one a gateway of another kecamatan reported
  // first is moved to the kecamatan the file names (its readings stay with the sensor)
  private static final String PIN_SENSOR = """
      INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway) VALUES (?, ?, ?, ?)
      ON CONFLICT (city_id, external_id) DO UPDATE SET kecamatan_id = excluded.kecamatan_id
      WHERE sensor.kecamatan_id <> excluded.kecamatan_id
      RETURNING first_gateway""";

  private final DataSource ds;

  public CityStore(DataSource ds) {
    this.ds = ds;
  }

  /** Idempotent: run at every start. Kecamatan removed from a file are kept (their data stays). */
  public CityDirectory sync(List<City> cities) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      List<KecamatanRef> refs = new ArrayList<>();
      for (City city : cities) {
        int cityId = upsertCity(c, city);
        Map<String, Integer> ids = new HashMap<>();
        for (Kecamatan k : city.kecamatan()) {
          int id = upsertKecamatan(c, cityId, k);
          ids.put(k.slug(), id);
          refs.add(new KecamatanRef(id, cityId, city.slug(), k.slug(), k.name(), k.zone()));
        }
        pinSensors(c, city, cityId, ids);
      }
      c.commit();
      return new CityDirectory(cities, refs);
    } catch (SQLException e) {
      throw new StoreException("cannot store the city configuration: " + e.getMessage(), e);
    }
  }

  /**
   * Registers every sensor the city names with a kecamatan (its river gauges) to that kecamatan,
   * before any gateway reports it: a gateway of another kecamatan is then refused, instead of
   * becoming its owner by reporting it first.
   */
  private static void pinSensors(Connection c, City city, int cityId, Map<String, Integer> kecamatanIds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PIN_SENSOR)) {
      for (RiverGauge g : city.gauges()) {
        ps.setInt(1, cityId);
        ps.setString(2, g.sensor());
        ps.setInt(3, kecamatanIds.get(g.kecamatan()));
        ps.setString(4, "city:" + city.slug());
        try (var rs = ps.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals("city:" + city.slug())) {
            log.warn("sensor pinned city={} sensor={} kecamatan={}: first reported by gateway={} of another kecamatan",
                city.slug(), g.sensor(), g.kecamatan(), rs.getString(1));
          }
        }
      }
    }
  }

  private static int upsertCity(Connection c, City city) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT_CITY)) {
      ps.setString(1, city.slug());
      ps.setString(2, city.name());
      ps.setString(3, city.timezone().getId());
      return singleId(ps);
    }
  }

  private static int upsertKecamatan(Connection c, int cityId, Kecamatan k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPSERT_KECAMATAN)) {
      ps.setInt(1, cityId);
      ps.setString(2, k.slug());
      ps.setString(3, k.name());
      ps.setString(4, k.zone());
      return singleId(ps);
    }
  }

  private static int singleId(PreparedStatement ps) throws SQLException {
    try (var rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
