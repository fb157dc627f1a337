package id.pantau.city;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The years of holidays administrators set per city (table {@code holiday_override}): slug -> year -> days. */
final class HolidayOverrides {
  private static final String LOAD_ALL = """
      SELECT c.slug, o.year, o.days::text FROM holiday_override o JOIN city c ON c.id = o.city_id""";
  private static final String SAVE = """
      INSERT INTO holiday_override (city_id, year, days, updated_by)
      SELECT id, ?, ?::jsonb, ? FROM city WHERE slug = ?
      ON CONFLICT (city_id, year) DO UPDATE SET days = excluded.days, updated_by = excluded.updated_by,
        updated_at = now()""";
  private static final String DELETE = """
      DELETE FROM holiday_override WHERE city_id = (SELECT id FROM city WHERE slug = ?) AND year = ?""";
  /** Changes whenever a row is set or removed, so other nodes notice either. */
  static final String VERSION = "SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM holiday_override";

  private final DataSource ds;

  HolidayOverrides(DataSource ds) {
    this.ds = ds;
  }

  Map<String, Map<Integer, JsonArray>> loadAll() throws SQLException {
    Map<String, Map<Integer, JsonArray>> out = new HashMap<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD_ALL);
         var rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getInt(2), new JsonArray(rs.getString(3)));
      }
    }
    return out;
  }

  void save(String city, int year, JsonArray days, String by) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE)) {
      ps.setInt(1, year);
      ps.setString(2, days.encode());
      ps.setString(3, by);
      ps.setString(4, city);
      ps.executeUpdate();
    }
  }

  /** @return whether the city had an override for that year */
  boolean delete(String city, int year) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
      ps.setString(1, city);
      ps.setInt(2, year);
      return ps.executeUpdate() > 0;
    }
  }
}
