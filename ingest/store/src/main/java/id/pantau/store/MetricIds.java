package id.pantau.store;

import id.pantau.wire.Metric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The database id of each catalogue metric. Ids are assigned once and looked up by name, so
 * the catalogue's order in code never matters.
 */
public final class MetricIds {
  private final EnumMap<Metric, Short> ids;

  private MetricIds(EnumMap<Metric, Short> ids) {
    this.ids = ids;
  }

  /** Registers missing catalogue metrics and loads all ids. Idempotent. */
  public static MetricIds sync(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      Map<String, Short> byName = load(c);
      short next = (short) (byName.values().stream().mapToInt(Short::intValue).max().orElse(0) + 1);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO metric (id, name, unit) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
        for (Metric m : Metric.values()) {
          if (!byName.containsKey(m.wireName())) {
            ps.setShort(1, next++);
            ps.setString(2, m.wireName());
            ps.setString(3, m.unit());
            ps.executeUpdate();
          }
        }
      }
      byName = load(c);
      EnumMap<Metric, Short> ids = new EnumMap<>(Metric.class);
      for (Metric m : Metric.values()) {
        ids.put(m, byName.get(m.wireName()));
      }
      return new MetricIds(ids);
    } catch (SQLException e) {
      throw new StoreException("cannot register the metric catalogue: " + e.getMessage(), e);
    }
  }

  private static Map<String, Short> load(Connection c) throws SQLException {
    Map<String, Short> byName = new HashMap<>();
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT name, id FROM metric")) {
      while (rs.next()) {
        byName.put(rs.getString(1), rs.getShort(2));
      }
    }
    return byName;
  }

  public short id(Metric m) {
    return ids.get(m);
  }
}
