package id.pantau.city;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The plausible ranges administrators set per city (table {@code plausibility_override}), by city slug. */
final class PlausibilityOverrides {
  private static final String LOAD_ALL = """
      SELECT c.slug, o.ranges::text FROM plausibility_override o JOIN city c ON c.id = o.city_id""";
  private static final String SAVE = """
      INSERT INTO plausibility_override (city_id, ranges, updated_by)
      SELECT id, ?::jsonb, ? FROM city WHERE slug = ?
      ON CONFLICT (city_id) DO UPDATE SET ranges = excluded.ranges, updated_by = excluded.updated_by,
        updated_at = now()""";
  private static final String DELETE = "DELETE FROM plausibility_override WHERE city_id = (SELECT id FROM city WHERE slug = ?)";
  /** Changes whenever a row is set or removed, so other nodes notice either. */
  static final String VERSION = "SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM plausibility_override";

  private final DataSource ds;

  PlausibilityOverrides(DataSource ds) {
    this.ds = ds;
  }

  Map<String, JsonObject> loadAll() throws SQLException {
    Map<String, JsonObject> out = new HashMap<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD_ALL);
         var rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), new JsonObject(rs.getString(2)));
      }
    }
    return out;
  }

  void save(String city, JsonObject ranges, String by) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE)) {
      ps.setString(1, ranges.encode());
      ps.setString(2, by);
      ps.setString(3, city);
      ps.executeUpdate();
    }
  }

  /** @return whether the city had an override */
  boolean delete(String city) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
      ps.setString(1, city);
      return ps.executeUpdate() > 0;
    }
  }
}
