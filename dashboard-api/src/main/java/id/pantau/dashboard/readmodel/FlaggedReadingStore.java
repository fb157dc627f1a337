package id.pantau.dashboard.readmodel;

import id.pantau.store.ReadingFlag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The readings stored flagged in a range, for a series asked with {@code include=flagged}.
 * {@code reading} has no index on its flag (one would cost every insert for a rare row); the
 * writer's hourly counts in {@code reading_flagged_1h} say which kecamatan-hours hold flagged
 * readings, so only those hours of those kecamatan's sensors are read, through the
 * (sensor, metric, ts) index. A month of clean data costs one small lookup.
 */
public final class FlaggedReadingStore {
  private static final String LOAD = """
      WITH hours AS (
        SELECT DISTINCT f.kecamatan_id, f.hour FROM reading_flagged_1h f
        JOIN kecamatan k ON k.id = f.kecamatan_id
        WHERE k.city_id = ? AND (?::int IS NULL OR k.id = ?::int)
          AND f.metric_id = (SELECT id FROM metric WHERE name = ?) AND f.hour >= ? AND f.hour < ?)
      SELECT r.ts, s.external_id, k.slug, r.value, r.flag
      FROM hours h
      JOIN kecamatan k ON k.id = h.kecamatan_id
      JOIN sensor s ON s.kecamatan_id = h.kecamatan_id
      JOIN reading r ON r.sensor_id = s.id AND r.metric_id = (SELECT id FROM metric WHERE name = ?)
        AND r.ts >= greatest(h.hour, ?) AND r.ts < least(h.hour + interval '1 hour', ?)
      WHERE r.flag IS NOT NULL
      ORDER BY r.ts, s.external_id
      LIMIT ?""";

  private final DataSource ds;

  public FlaggedReadingStore(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Blocking. Oldest first, at most {@code limit}.
   *
   * @param kecamatanId null for the whole city
   */
  public List<FlaggedReading> load(int cityId, Integer kecamatanId, String metric, Instant from, Instant to, int limit)
      throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD)) {
      int i = 1;
      ps.setInt(i++, cityId);
      ps.setObject(i++, kecamatanId);
      ps.setObject(i++, kecamatanId);
      ps.setString(i++, metric);
      ps.setTimestamp(i++, Timestamp.from(from.truncatedTo(ChronoUnit.HOURS)));
      ps.setTimestamp(i++, Timestamp.from(to));
      ps.setString(i++, metric);
      ps.setTimestamp(i++, Timestamp.from(from));
      ps.setTimestamp(i++, Timestamp.from(to));
      ps.setInt(i, limit);
      List<FlaggedReading> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ReadingFlag flag = ReadingFlag.ofCode(rs.getShort(5));
          out.add(new FlaggedReading(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getDouble(4),
              flag == null ? "flag_" + rs.getShort(5) : flag.wireName()));
        }
      }
      return out;
    }
  }
}
