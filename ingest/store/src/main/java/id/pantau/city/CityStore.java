package id.pantau.city;

import id.pantau.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Writes the configured cities and kecamatan into the database and reads back their ids. */
public final class CityStore {
  private static final String UPSERT_CITY = """
      INSERT INTO city (slug, name, timezone) VALUES (?, ?, ?)
      ON CONFLICT (slug) DO UPDATE SET name = excluded.name, timezone = excluded.timezone
      RETURNING id""";
  private static final String UPSERT_KECAMATAN = """
      INSERT INTO kecamatan (city_id, slug, name, zone) VALUES (?, ?, ?, ?)
      ON CONFLICT (city_id, slug) DO UPDATE SET name = excluded.name, zone = excluded.zone
      RETURNING id""";

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
        for (Kecamatan k : city.kecamatan()) {
          refs.add(new KecamatanRef(upsertKecamatan(c, cityId, k), cityId, city.slug(), k.slug(), k.name(), k.zone()));
        }
      }
      c.commit();
      return new CityDirectory(cities, refs);
    } catch (SQLException e) {
      throw new StoreException("cannot store the city configuration: " + e.getMessage(), e);
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
