package id.pantau.dashboard.quality;

import id.pantau.dashboard.readmodel.HourCount;
import id.pantau.dashboard.readmodel.Rows;
import id.pantau.wire.Metric;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What sensor health and completeness read, per city: every sensor with its newest stored reading,
 * gateway and maintenance mark; the readings of the health window; and per kecamatan and hour the
 * readings counted and flagged (refused ones come with the ingest view, which reads them anyway). Each is one bounded query (the window by time, the counts
 * by the rollups' hours). Hours are whole UTC hours (as {@code reading_flagged_1h} counts them),
 * whatever the session's time zone. Blocking: call from a worker.
 */
public final class SensorHealthStore {
  private static final String SENSORS = """
      SELECT s.id, s.external_id, k.slug, s.first_seen, max(lv.stored_at), max(lv.ts),
        coalesce(array_agg(m.name ORDER BY m.name) FILTER (WHERE m.name IS NOT NULL), '{}'),
        s.first_gateway, g.last_batch_at, g.last_lag_ms, sm.since, sm.set_by, sm.note
      FROM sensor s JOIN kecamatan k ON k.id = s.kecamatan_id
      LEFT JOIN latest_value lv ON lv.sensor_id = s.id
      LEFT JOIN metric m ON m.id = lv.metric_id
      LEFT JOIN gateway g ON g.id = s.first_gateway
      LEFT JOIN sensor_maintenance sm ON sm.sensor_id = s.id
      WHERE s.city_id = ?
      GROUP BY s.id, k.slug, g.last_batch_at, g.last_lag_ms, sm.since, sm.set_by, sm.note
      ORDER BY s.external_id""";
  private static final String WINDOW = """
      SELECT r.sensor_id, m.name, r.ts, r.value, r.flag IS NOT NULL
      FROM reading r JOIN sensor s ON s.id = r.sensor_id JOIN metric m ON m.id = r.metric_id
      WHERE s.city_id = ? AND r.ts >= ? AND r.ts <= ? AND (m.name = ANY(?) OR r.flag IS NOT NULL)
      ORDER BY r.sensor_id, r.metric_id, r.ts""";
  private static final String COUNTED_BY_HOUR = """
      SELECT k.slug, to_timestamp(floor(extract(epoch FROM r.minute) / 3600) * 3600), sum(r.count)
      FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id
      WHERE k.city_id = ? AND r.minute >= ? AND r.minute < ? GROUP BY 1, 2""";
  private static final String FLAGGED_BY_HOUR = """
      SELECT k.slug, f.hour, sum(f.count)
      FROM reading_flagged_1h f JOIN kecamatan k ON k.id = f.kecamatan_id
      WHERE k.city_id = ? AND f.hour >= ? AND f.hour < ? GROUP BY 1, 2""";

  /** A sensor as stored, with what its health and completeness need. */
  public record SensorRow(int id, String sensor, String kecamatan, Instant firstSeen, Instant lastStored,
                          Instant newestTs, List<Metric> metrics, String gateway, Instant gatewayLastBatch,
                          Long gatewayLagMs, SensorFacts.Maintenance maintenance) {
  }

  private final javax.sql.DataSource ds;

  public SensorHealthStore(javax.sql.DataSource ds) {
    this.ds = ds;
  }

  public List<SensorRow> sensors(int cityId) throws SQLException {
    return Rows.list(ds, SENSORS, rs -> new SensorRow(rs.getInt(1), rs.getString(2), rs.getString(3),
        Rows.instant(rs.getTimestamp(4)), Rows.instant(rs.getTimestamp(5)), Rows.instant(rs.getTimestamp(6)),
        metrics(rs.getArray(7)), rs.getString(8), Rows.instant(rs.getTimestamp(9)), (Long) rs.getObject(10),
        rs.getTimestamp(11) == null ? null : new SensorFacts.Maintenance(rs.getTimestamp(11).toInstant(),
            rs.getString(12), rs.getString(13))), cityId);
  }

  /**
   * By sensor id, per metric, the readings from {@code from} to {@code to}, oldest first: of the
   * {@code metrics} given, and flagged readings of any metric (the rest would cost rows and judge nothing).
   */
  public Map<Integer, Map<Metric, List<Sample>>> window(int cityId, Instant from, Instant to,
                                                         java.util.Set<Metric> metrics) throws SQLException {
    Map<Integer, Map<Metric, List<Sample>>> out = new HashMap<>();
    Rows.withoutWaitingForLocks(ds, c -> {
      Rows.each(c, WINDOW, rs -> {
        Metric m = Metric.byWireName(rs.getString(2));
        if (m != null) {
          out.computeIfAbsent(rs.getInt(1), k -> new EnumMap<>(Metric.class)).computeIfAbsent(m, k -> new ArrayList<>())
              .add(new Sample(rs.getTimestamp(3).toInstant(), rs.getDouble(4), rs.getBoolean(5)));
        }
      }, cityId, Timestamp.from(from), Timestamp.from(to),
          c.createArrayOf("text", metrics.stream().map(Metric::wireName).toArray()));
      return null;
    });
    return out;
  }

  /** Readings counted (in the rollups) per kecamatan and hour, in [from, to). */
  public List<HourCount> counted(int cityId, Instant from, Instant to) throws SQLException {
    return hours(COUNTED_BY_HOUR, cityId, from, to);
  }

  /** Readings stored flagged per kecamatan and hour, in [from, to). */
  public List<HourCount> flagged(int cityId, Instant from, Instant to) throws SQLException {
    return hours(FLAGGED_BY_HOUR, cityId, from, to);
  }

  private List<HourCount> hours(String sql, int cityId, Instant from, Instant to) throws SQLException {
    return Rows.list(ds, sql, rs -> new HourCount(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)),
        cityId, Timestamp.from(from), Timestamp.from(to));
  }

  private static List<Metric> metrics(Array names) throws SQLException {
    return Arrays.stream((String[]) names.getArray()).map(Metric::byWireName)
        .filter(java.util.Objects::nonNull).toList();
  }
}
