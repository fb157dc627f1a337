package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.city.CityFiles;
import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Alert thresholds set over the admin API. Stored in the database, so every API node applies
 * them at its next tick and they survive restarts; a city without an override keeps the
 * thresholds of its file.
 */
public final class ThresholdOverrides {
  private static final String LOAD = "SELECT thresholds::text FROM alert_threshold_override WHERE city_id = ?";
  private static final String SAVE = """
      INSERT INTO alert_threshold_override (city_id, thresholds, updated_by) VALUES (?, ?::jsonb, ?)
      ON CONFLICT (city_id) DO UPDATE SET thresholds = excluded.thresholds, updated_by = excluded.updated_by,
        updated_at = now()""";

  private final DataSource ds;

  public ThresholdOverrides(DataSource ds) {
    this.ds = ds;
  }

  /** The city's override, if an administrator set one. */
  public Optional<List<AlertRules.Threshold>> load(int cityId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return load(c, cityId);
    }
  }

  Optional<List<AlertRules.Threshold>> load(Connection c, int cityId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOAD)) {
      ps.setInt(1, cityId);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(CityFiles.thresholds(new JsonArray(rs.getString(1)))) : Optional.empty();
      }
    }
  }

  public void save(int cityId, List<AlertRules.Threshold> thresholds, String by) throws SQLException {
    JsonArray json = new JsonArray();
    thresholds.forEach(t -> json.add(CityFiles.json(t)));
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE)) {
      ps.setInt(1, cityId);
      ps.setString(2, json.encode());
      ps.setString(3, by);
      ps.executeUpdate();
    }
  }
}
