package id.pantau.dashboard.readmodel;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The latest value of every sensor and metric of a city: what "now" means on the screens. */
public final class LatestValueStore {
  // ordered so that the first row of each (kecamatan, metric) is its newest
  private static final String LATEST = """
      SELECT s.external_id, k.slug, m.name, m.unit, lv.value, lv.ts
      FROM latest_value lv
      JOIN sensor s ON s.id = lv.sensor_id
      JOIN kecamatan k ON k.id = s.kecamatan_id
      JOIN metric m ON m.id = lv.metric_id
      WHERE s.city_id = ?
      ORDER BY s.kecamatan_id, lv.metric_id, lv.ts DESC""";

  private final DataSource ds;

  public LatestValueStore(DataSource ds) {
    this.ds = ds;
  }

  /** Blocking: call from a worker. */
  public List<SensorValue> load(int cityId) throws SQLException {
    return Rows.list(ds, LATEST, rs -> new SensorValue(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getDouble(5), rs.getTimestamp(6).toInstant()), cityId);
  }
}
