package id.pantau.dashboard.readmodel;

import id.pantau.wire.Metric;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The read model as it stood at an instant {@code at} in the past, for the replayed wall: the
 * same records as the live stores, read from history only (one-minute rollups, ingest batches,
 * complaint events), never from raw readings, so a replay reaches as far back as the rollups
 * are kept. A rollup minute counts when it ended by {@code at} (minute + 1 min <= at): a screen at
 * {@code at} had seen it whole. Blocking: call from a worker.
 */
public final class HistoryStore {
  // one backward probe of the rollups' key per kecamatan and metric, however long the history
  private static final String LAST_MINUTES = """
      SELECT k.id AS kecamatan_id, k.slug, m.id AS metric_id, m.name, m.unit, r.minute, r.count, r.sum, r.min, r.max
      FROM kecamatan k CROSS JOIN metric m
      CROSS JOIN LATERAL (SELECT r.minute, r.count, r.sum, r.min, r.max FROM rollup_1m r
                          WHERE r.kecamatan_id = k.id AND r.metric_id = m.id AND r.minute > ? AND r.minute <= ?
                          ORDER BY r.minute DESC LIMIT 1) r
      WHERE k.city_id = ?""";
  private static final String LAST_MINUTE_BY_KECAMATAN = "SELECT slug, name, unit, minute, count, sum, min, max FROM ("
      + LAST_MINUTES + ") l ORDER BY kecamatan_id, metric_id";
  // a range scan of the rollups' key per kecamatan and pollutant
  private static final String POLLUTANT_MEANS_24H = """
      SELECT k.slug, m.name, s.sum / s.count, s.count, s.hours,
             (extract(epoch FROM date_trunc('hour', ?::timestamptz) - date_trunc('hour', s.first)) / 3600)::int + 1
      FROM kecamatan k CROSS JOIN metric m
      CROSS JOIN LATERAL (SELECT sum(r.sum) AS sum, sum(r.count) AS count,
                                 count(DISTINCT date_trunc('hour', r.minute)) AS hours, min(r.minute) AS first
                          FROM rollup_1m r
                          WHERE r.kecamatan_id = k.id AND r.metric_id = m.id AND r.minute > ? AND r.minute <= ?) s
      WHERE k.city_id = ? AND m.name IN ('pm25', 'pm10') AND s.count > 0
      ORDER BY 1, 2""";
  private static final String READINGS_IN_MINUTE = """
      SELECT coalesce(sum(r.count), 0) FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id
      WHERE k.city_id = ? AND r.minute = ?""";
  // a gateway's last stored batch before at: the presence history the database keeps
  private static final String GATEWAYS = """
      SELECT g.id, k.slug, (SELECT max(b.stored_at) FROM ingest_batch b
                            WHERE b.gateway_id = g.id AND b.stored_at > ? AND b.stored_at <= ?)
      FROM gateway g JOIN kecamatan k ON k.id = g.kecamatan_id WHERE k.city_id = ? ORDER BY g.id""";
  private static final String REJECTED_HOUR = """
      SELECT d.reason, count(*) FROM dead_letter d JOIN gateway g ON g.id = d.gateway_id
      JOIN kecamatan k ON k.id = g.kecamatan_id
      WHERE k.city_id = ? AND d.received_at > ? AND d.received_at <= ? GROUP BY 1 ORDER BY 1""";
  private static final String NEW_IN_HOUR = """
      SELECT count(*) FROM complaint WHERE city_id = ? AND created_at > ? AND created_at <= ?""";
  // Each complaint's state at `at`, from its events up to then, by the rules the writer applies to
  // all of them (ComplaintStore): only the creating kecamatan's events count, ties go to the later
  // lifecycle step, and the resolution is the first one after the last reopening. A complaint
  // whose current resolution is older than a day before `at` was resolved then too (no event after
  // a resolution can be before it), so only open and recently resolved ones are read.
  private static final String COMPLAINTS_AT = """
      WITH cands AS (
        SELECT c.city_id, c.id, c.kecamatan_id, c.category, c.created_at FROM complaint c
        WHERE c.city_id = ? AND c.created_at <= ? AND (c.resolved_at IS NULL OR c.resolved_at > ?)),
      events AS (
        SELECT e.complaint_id, e.event, e.ts,
               array_position(ARRAY['created','dispatched','in_progress','resolved','closed','rejected',
                                    'reopened'], e.event) AS rank
        FROM complaint_event e JOIN cands c ON c.city_id = e.city_id AND c.id = e.complaint_id
        WHERE e.kecamatan_id = c.kecamatan_id AND e.ts <= ?),
      latest AS (
        SELECT DISTINCT ON (complaint_id) complaint_id, event FROM events ORDER BY complaint_id, ts DESC, rank DESC),
      reopened AS (
        SELECT complaint_id, max(ts) AS ts FROM events WHERE event = 'reopened' GROUP BY 1),
      resolution AS (
        SELECT e.complaint_id, min(e.ts) AS ts FROM events e LEFT JOIN reopened r USING (complaint_id)
        WHERE e.event IN ('resolved', 'closed', 'rejected') AND (r.ts IS NULL OR e.ts > r.ts) GROUP BY 1)
      SELECT c.id, k.slug, c.category, c.created_at,
             CASE WHEN l.event IN ('resolved', 'closed', 'rejected') THEN res.ts END, l.event
      FROM cands c JOIN kecamatan k ON k.id = c.kecamatan_id
      JOIN latest l ON l.complaint_id = c.id LEFT JOIN resolution res ON res.complaint_id = c.id
      ORDER BY c.created_at, c.id""";

  private final DataSource ds;

  public HistoryStore(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Per kecamatan and metric, the last whole minute before {@code at} within {@code stale}: the
   * replay's "latest value" (the minute's mean, and for a river gauge its highest level).
   */
  public List<MinuteRollup> lastMinuteByKecamatan(int cityId, Instant at, Duration stale) throws SQLException {
    return Rows.list(ds, LAST_MINUTE_BY_KECAMATAN, rs -> new MinuteRollup(rs.getString(1), rs.getString(2),
            rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)),
        ts(lastWholeMinute(at).minus(stale)), ts(lastWholeMinute(at)), cityId);
  }

  /** The units of the metrics, by name. */
  public Map<String, String> units() throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      Rows.each(c, "SELECT name, unit FROM metric ORDER BY id", rs -> out.put(rs.getString(1), rs.getString(2)));
    }
    return out;
  }

  /**
   * Per metric, the city's newest minute among the kecamatan's last minutes, summed over the
   * kecamatan that have it (their last minute, as none has a newer one): the city's last minute
   * within the same window, by name. Pure.
   */
  public static List<MinuteRollup> cityWide(List<MinuteRollup> lastMinutes) {
    Map<String, MinuteRollup> out = new java.util.TreeMap<>();
    for (MinuteRollup r : lastMinutes) {
      MinuteRollup had = out.get(r.metric());
      if (had == null || r.minute().isAfter(had.minute())) {
        out.put(r.metric(), new MinuteRollup(null, r.metric(), r.minute(), r.count(), r.sum(), r.min(), r.max()));
      } else if (r.minute().equals(had.minute())) {
        out.put(r.metric(), new MinuteRollup(null, r.metric(), r.minute(), had.count() + r.count(), had.sum() + r.sum(),
            Math.min(had.min(), r.min()), Math.max(had.max(), r.max())));
      }
    }
    return List.copyOf(out.values());
  }

  /** PM2.5 and PM10 over the 24 hours (of whole minutes) ending at {@code at}, per kecamatan. */
  public List<PollutantMean> pollutantMeans24h(int cityId, Instant at) throws SQLException {
    return Rows.list(ds, POLLUTANT_MEANS_24H, rs -> new PollutantMean(rs.getString(1),
            Metric.byWireName(rs.getString(2)), rs.getDouble(3), rs.getLong(4), rs.getInt(5), rs.getInt(6)),
        ts(lastWholeMinute(at)), ts(lastWholeMinute(at).minus(Duration.ofHours(24))), ts(lastWholeMinute(at)), cityId);
  }

  /** Readings stored for the city in the last whole minute before {@code at}. */
  public long readingsLastWholeMinute(int cityId, Instant at) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return Rows.single(c, READINGS_IN_MINUTE, rs -> rs.getLong(1), cityId, ts(lastWholeMinute(at)));
    }
  }

  /**
   * The city's gateways as they stood at {@code at}: last seen when they last stored a batch
   * (within a day before), online when that was within {@code presence}. Connection state is not
   * kept as history; a gateway connected but silent counts offline here.
   */
  public List<GatewayStatus> gateways(int cityId, Instant at, Duration presence) throws SQLException {
    return Rows.list(ds, GATEWAYS, rs -> {
      Instant seen = Rows.instant(rs.getTimestamp(3));
      boolean online = seen != null && !seen.isBefore(at.minus(presence));
      return new GatewayStatus(rs.getString(1), rs.getString(2), online, seen, null, online ? null : "no_batch");
    }, ts(at.minus(Duration.ofDays(1))), ts(at), cityId);
  }

  /** Messages refused in the hour before {@code at} (as far as the dead-letter table still keeps them). */
  public List<ReasonCount> rejectedHourBefore(int cityId, Instant at) throws SQLException {
    return Rows.list(ds, REJECTED_HOUR, rs -> new ReasonCount(rs.getString(1), rs.getLong(2)),
        cityId, ts(at.minus(Duration.ofHours(1))), ts(at));
  }

  /** The complaint figures' rows as they stood at {@code at}. */
  public ComplaintRows complaints(int cityId, Instant at) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Instant dayBefore = at.minus(Duration.ofHours(24));
      List<ComplaintRow> rows = Rows.list(c, COMPLAINTS_AT, rs -> new ComplaintRow(rs.getString(1), rs.getString(2),
          rs.getString(3), rs.getTimestamp(4).toInstant(), Rows.instant(rs.getTimestamp(5)), rs.getString(6)),
          cityId, ts(at), ts(dayBefore), ts(at));
      long newLastHour = Rows.single(c, NEW_IN_HOUR, rs -> rs.getLong(1), cityId, ts(at.minus(Duration.ofHours(1))),
          ts(at));
      return ComplaintHistory.rows(rows, newLastHour, at);
    }
  }

  /** The start of the last minute that had ended by {@code at}. */
  static Instant lastWholeMinute(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }

  /** Turns complaints' states at an instant into the figures' rows: pure. */
  static final class ComplaintHistory {
    private ComplaintHistory() {
    }

    static ComplaintRows rows(List<ComplaintRow> states, long newLastHour, Instant at) {
      Instant dayBefore = at.minus(Duration.ofHours(24));
      Map<String, Map<String, Long>> open = new java.util.TreeMap<>();
      List<ComplaintRow> candidates = new ArrayList<>();
      List<Double> seconds = new ArrayList<>();
      for (ComplaintRow r : states) {
        if (r.isOpen()) {
          open.computeIfAbsent(r.kecamatan(), k -> new java.util.TreeMap<>()).merge(r.category(), 1L, Long::sum);
          candidates.add(r);
        } else if (r.resolvedAt().isAfter(dayBefore) || r.resolvedAt().equals(dayBefore)) {
          candidates.add(r);
          seconds.add((r.resolvedAt().toEpochMilli() - r.createdAt().toEpochMilli()) / 1000.0);
        }
      }
      List<ComplaintRows.OpenCount> counts = new ArrayList<>();
      open.forEach((k, byCategory) -> byCategory.forEach((cat, n) -> counts.add(new ComplaintRows.OpenCount(k, cat, n))));
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new ComplaintRows(counts, newLastHour, new ComplaintRows.TimeToResolve(sorted.length,
          percentile(sorted, 0.5), percentile(sorted, 0.9)), candidates);
    }

    /** PostgreSQL's percentile_cont: linear between the two nearest ranks; null for none. */
    static Double percentile(double[] sorted, double p) {
      if (sorted.length == 0) {
        return null;
      }
      double rank = p * (sorted.length - 1);
      int below = (int) Math.floor(rank);
      int above = Math.min(sorted.length - 1, below + 1);
      return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
  }
}
