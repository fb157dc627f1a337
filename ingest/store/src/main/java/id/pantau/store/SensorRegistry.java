package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Registers a sensor to a kecamatan ahead of its first reading: what a city with a sensor
 * allow-list requires, and how any city pins a sensor to the right kecamatan before a gateway
 * reports it. A sensor's kecamatan is never changed here: its history belongs to it.
 */
public final class SensorRegistry {
  private static final String REGISTER = """
      INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway) VALUES (?, ?, ?, ?)
      ON CONFLICT (city_id, external_id) DO NOTHING""";
  private static final String KECAMATAN = "SELECT kecamatan_id FROM sensor WHERE city_id = ? AND external_id = ?";

  private final javax.sql.DataSource ds;

  public SensorRegistry(javax.sql.DataSource ds) {
    this.ds = ds;
  }

  /**
   * @param registeredBy who registers it (recorded as the sensor's first gateway, e.g. {@code admin:budi})
   * @return the kecamatan the sensor belongs to: the given one, unless it was registered elsewhere before
   */
  public int register(int cityId, String externalId, int kecamatanId, String registeredBy) throws SQLException {
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(REGISTER)) {
        ps.setInt(1, cityId);
        ps.setString(2, externalId);
        ps.setInt(3, kecamatanId);
        ps.setString(4, registeredBy);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(KECAMATAN)) {
        ps.setInt(1, cityId);
        ps.setString(2, externalId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    }
  }
}
