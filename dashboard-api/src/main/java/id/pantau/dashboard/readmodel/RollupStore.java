package id.pantau.dashboard.readmodel;

import id.pantau.wire.Metric;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Figures summed from the one-minute rollups of a city. Blocking: call from a worker. */
public final class RollupStore {
  private static final String LAST_MINUTE_BY_KECAMATAN = """
      SELECT DISTINCT ON (r.kecamatan_id, r.metric_id)
        k.slug, m.name, r.minute, r.count, r.sum, r.min, r.max
      FROM rollup_1m r
      JOIN kecamatan k ON k.id = r.kecamatan_id
      JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND r.minute >= now() - interval '1 day'
      ORDER BY r.kecamatan_id, r.metric_id, r.minute DESC""";
  private static final String LAST_MINUTE_CITY_WIDE = """
      SELECT DISTINCT ON (m.name) m.name, r.minute, sum(r.count), sum(r.sum), min(r.min), max(r.max)
      FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND r.minute >= now() - interval '1 day'
      GROUP BY m.name, r.minute ORDER BY m.name, r.minute DESC""";
  private static final String POLLUTANT_MEANS_24H = """
      SELECT k.slug, m.name, sum(r.sum) / sum(r.count), sum(r.count), count(DISTINCT date_trunc('hour', r.minute)),
             (extract(epoch FROM date_trunc('hour', now()) - date_trunc('hour', min(r.minute))) / 3600)::int + 1
      FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND m.name IN ('pm25', 'pm10') AND r.minute >= now() - interval '24 hours'
      GROUP BY 1, 2 ORDER BY 1, 2""";
  // the same readings as POLLUTANT_MEANS_24H's minutes (whole minutes since now - 24 h), of some sensors
  private static final String POLLUTANT_MEANS_24H_OF_SENSORS = """
      SELECT k.slug, m.name, avg(r.value), count(*)
      FROM reading r JOIN sensor s ON s.id = r.sensor_id JOIN kecamatan k ON k.id = s.kecamatan_id
      JOIN metric m ON m.id = r.metric_id
      WHERE s.city_id = ? AND s.external_id = ANY(?) AND m.name IN ('pm25', 'pm10') AND r.flag IS NULL
        AND r.ts >= now() - interval '24 hours' AND date_trunc('minute', r.ts) >= now() - interval '24 hours'
      GROUP BY 1, 2 ORDER BY 1, 2""";
  private static final String READINGS_LAST_COMPLETE_MINUTE = """
      SELECT coalesce(sum(r.count), 0) FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id
      WHERE k.city_id = ? AND r.minute = date_trunc('minute', now()) - interval '1 minute'""";

  private final DataSource ds;

  public RollupStore(DataSource ds) {
    this.ds = ds;
  }

  /** Per kecamatan and metric, the most recent minute within the last day. */
  public List<MinuteRollup> lastMinuteByKecamatan(int cityId) throws SQLException {
    return Rows.list(ds, LAST_MINUTE_BY_KECAMATAN, rs -> new MinuteRollup(rs.getString(1), rs.getString(2),
        rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)), cityId);
  }

  /** Per metric, the city's most recent minute within the last day, summed over its kecamatan. */
  public List<MinuteRollup> lastMinuteCityWide(int cityId) throws SQLException {
    return Rows.list(ds, LAST_MINUTE_CITY_WIDE, rs -> new MinuteRollup(null, rs.getString(1),
        rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)), cityId);
  }

  /** PM2.5 and PM10 over the last 24 hours (ISPU's averaging period), per kecamatan, by slug and name. */
  public List<PollutantMean> pollutantMeans24h(int cityId) throws SQLException {
    return Rows.list(ds, POLLUTANT_MEANS_24H, rs -> new PollutantMean(rs.getString(1),
        Metric.byWireName(rs.getString(2)), rs.getDouble(3), rs.getLong(4), rs.getInt(5), rs.getInt(6)), cityId);
  }

  /**
   * What {@link #pollutantMeans24h} counted of these sensors' readings (their own means), so that
   * sensors not to be trusted now can be taken out again; by the index on (sensor, metric, ts).
   */
  public List<PollutantMean> pollutantMeans24hOf(int cityId, java.util.Set<String> sensors) throws SQLException {
    if (sensors.isEmpty()) {
      return List.of();
    }
    return Rows.withoutWaitingForLocks(ds, c -> Rows.list(c, POLLUTANT_MEANS_24H_OF_SENSORS,
        rs -> new PollutantMean(rs.getString(1), Metric.byWireName(rs.getString(2)), rs.getDouble(3), rs.getLong(4)),
        cityId, c.createArrayOf("text", sensors.toArray())));
  }

  /** Readings stored for the city in the last complete minute. */
  public long readingsLastCompleteMinute(int cityId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return Rows.single(c, READINGS_LAST_COMPLETE_MINUTE, rs -> rs.getLong(1), cityId);
    }
  }
}
