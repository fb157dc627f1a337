package id.pantau.dashboard.rapor;

import id.pantau.dashboard.readmodel.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads what a city's rapor is computed from, for a stretch of time: complaint timelines (every
 * event of each complaint that was on the books in it), alert history, instructions, and from the
 * minute rollups daily air-quality means and hourly river maxima. Never raw readings. Blocking:
 * call from a worker.
 */
public final class RaporStore {
  // A complaint whose last event is before the stretch and that ended resolved played no part in it.
  // Only the events of the kecamatan that created it count, as in the complaint store.
  private static final String COMPLAINTS = """
      SELECT c.id, k.slug, c.category, e.event, e.ts
      FROM complaint c
      JOIN kecamatan k ON k.id = c.kecamatan_id
      JOIN complaint_event e ON e.city_id = c.city_id AND e.complaint_id = c.id AND e.kecamatan_id = c.kecamatan_id
      WHERE c.city_id = ? AND c.created_at < ? AND (c.resolved_at IS NULL OR c.state_at >= ?)
      ORDER BY c.id, e.ts""";
  private static final String ALERTS = """
      SELECT a.id, k.slug, a.rule, a.opened_at, a.acknowledged_at, a.cleared_at
      FROM alert a LEFT JOIN kecamatan k ON k.id = a.kecamatan_id
      WHERE a.city_id = ? AND a.opened_at >= ? AND a.opened_at < ?
      ORDER BY a.id""";
  private static final String INSTRUCTIONS = """
      SELECT m.id, k.slug, m.created_at, (SELECT min(d.delivered_at) FROM downlink_delivery d WHERE d.message_id = m.id)
      FROM downlink_message m JOIN kecamatan k ON k.id = m.kecamatan_id
      WHERE m.city_id = ? AND m.kind = 'instruction' AND m.created_at >= ? AND m.created_at < ?
      ORDER BY m.id""";

  // From the hourly sums of the minute rollups (flagged readings are in none): TimescaleDB's
  // real-time aggregate rollup_1h where it keeps one, else rollup_hour, which the rollup writer
  // keeps beside rollup_1m: the same sums and maxima, 60 times fewer rows (a year of Bandung is
  // some 36 million minute rows). Days are the city's local days.
  private static final String AIR = """
      SELECT k.slug, (r.%1$s AT TIME ZONE ?)::date, m.name, sum(r.sum) / sum(r.count)
      FROM %2$s r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND m.name IN ('pm25', 'pm10') AND r.%1$s >= ? AND r.%1$s < ?
      GROUP BY 1, 2, 3""";
  private static final String WATER_LEVELS = """
      SELECT k.slug, date_trunc('hour', r.%1$s), max(r.max)
      FROM %2$s r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND m.name = 'water_level_cm' AND r.%1$s >= ? AND r.%1$s < ?
      GROUP BY 1, 2""";

  // Gateway presence from the stored batches (connection state is not kept as history): per gateway
  // and local day, the 5-minute slots (RaporInput.SLOT_MINUTES) in which it stored at least one batch.
  private static final String GATEWAYS = """
      SELECT g.id, k.slug, g.created_at FROM gateway g JOIN kecamatan k ON k.id = g.kecamatan_id
      WHERE k.city_id = ? ORDER BY g.id""";
  private static final String PRESENCE = """
      SELECT x.gateway_id, (x.slot AT TIME ZONE ?)::date, count(*)
      FROM (SELECT DISTINCT b.gateway_id, to_timestamp(floor(extract(epoch FROM b.stored_at) / 300) * 300) AS slot
            FROM ingest_batch b JOIN gateway g ON g.id = b.gateway_id JOIN kecamatan k ON k.id = g.kecamatan_id
            WHERE k.city_id = ? AND b.stored_at >= ? AND b.stored_at < ?) x
      GROUP BY 1, 2""";
  // the metrics a sensor reports are those it has a latest value of
  private static final String SENSORS = """
      SELECT s.external_id, k.slug, s.first_seen,
        coalesce(array_agg(DISTINCT m.name) FILTER (WHERE m.name IS NOT NULL), '{}')
      FROM sensor s JOIN kecamatan k ON k.id = s.kecamatan_id
      LEFT JOIN latest_value lv ON lv.sensor_id = s.id LEFT JOIN metric m ON m.id = lv.metric_id
      WHERE s.city_id = ? GROUP BY s.id, s.external_id, k.slug, s.first_seen ORDER BY s.external_id""";
  // readings received, flagged ones not among them (the rollups leave them out)
  private static final String RECEIVED = """
      SELECT k.slug, (r.%1$s AT TIME ZONE ?)::date, m.name, sum(r.count)
      FROM %2$s r JOIN kecamatan k ON k.id = r.kecamatan_id JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND r.%1$s >= ? AND r.%1$s < ?
      GROUP BY 1, 2, 3""";

  private final DataSource ds;
  private final boolean hourlyAggregate;
  private final java.time.Duration batchRetention;

  /**
   * @param hourlyAggregate whether the database has {@code rollup_1h} (TimescaleDB); without it the
   *     rapor reads {@code rollup_hour}
   */
  public RaporStore(DataSource ds, boolean hourlyAggregate) {
    this(ds, hourlyAggregate, null);
  }

  /**
   * @param batchRetention how long stored batches are kept ({@code retention.raw}): gateway
   *     uptime cannot be told for a period that starts before now minus it; null if kept forever
   */
  public RaporStore(DataSource ds, boolean hourlyAggregate, java.time.Duration batchRetention) {
    this.ds = ds;
    this.hourlyAggregate = hourlyAggregate;
    this.batchRetention = batchRetention;
  }

  /** Everything that counts for a rapor over {@code [from, to)}: pass the previous period's start and this one's end. */
  public RaporInput load(int cityId, java.time.ZoneId zone, Instant from, Instant to) throws SQLException {
    Timestamp start = Timestamp.from(from);
    Timestamp end = Timestamp.from(to);
    // hours fit the period only where its ends fall on whole UTC hours (midnights in all of Indonesia)
    boolean hours = from.getEpochSecond() % 3600 == 0 && to.getEpochSecond() % 3600 == 0;
    String hourly = hourlyAggregate ? "rollup_1h" : "rollup_hour";
    String air = hours ? AIR.formatted("hour", hourly) : AIR.formatted("minute", "rollup_1m");
    String levels = hours ? WATER_LEVELS.formatted("hour", hourly) : WATER_LEVELS.formatted("minute", "rollup_1m");
    String received = hours ? RECEIVED.formatted("hour", hourly) : RECEIVED.formatted("minute", "rollup_1m");
    Instant keptSince = batchRetention == null ? null : Instant.now().minus(batchRetention);
    try (Connection c = ds.getConnection()) {
      int isolation = c.getTransactionIsolation();
      // one snapshot: an alert acknowledged or a complaint resolved between the reads cannot be half counted
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        RaporInput input = new RaporInput(complaints(c, cityId, start, end),
            Rows.list(c, ALERTS, rs -> new RaporInput.Alert(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), Rows.instant(rs.getTimestamp(5)), Rows.instant(rs.getTimestamp(6))),
                cityId, start, end),
            Rows.list(c, INSTRUCTIONS, rs -> new RaporInput.Instruction(rs.getLong(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), Rows.instant(rs.getTimestamp(4))), cityId, start, end),
            Rows.list(c, air, rs -> new RaporInput.DailyMean(rs.getString(1), rs.getObject(2, java.time.LocalDate.class),
                rs.getString(3), rs.getDouble(4)), zone.getId(), cityId, start, end),
            Rows.list(c, levels, rs -> new RaporInput.HourlyMax(rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getDouble(3)), cityId, start, end),
            Rows.list(c, GATEWAYS, rs -> new RaporInput.Gateway(rs.getString(1), rs.getString(2),
                Rows.instant(rs.getTimestamp(3))), cityId),
            Rows.list(c, PRESENCE, rs -> new RaporInput.GatewayDay(rs.getString(1),
                rs.getObject(2, java.time.LocalDate.class), rs.getInt(3)), zone.getId(), cityId, start, end),
            Rows.list(c, SENSORS, rs -> new RaporInput.Sensor(rs.getString(1), rs.getString(2),
                Rows.instant(rs.getTimestamp(3)), List.of((String[]) rs.getArray(4).getArray())), cityId),
            Rows.list(c, received, rs -> new RaporInput.DailyCount(rs.getString(1),
                rs.getObject(2, java.time.LocalDate.class), rs.getString(3), rs.getLong(4)), zone.getId(), cityId,
                start, end),
            keptSince);
        c.commit();
        return input;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
        c.setTransactionIsolation(isolation);
      }
    }
  }

  private static List<RaporInput.Complaint> complaints(Connection c, int cityId, Timestamp start, Timestamp end)
      throws SQLException {
    Map<String, String[]> heads = new LinkedHashMap<>();
    Map<String, List<RaporInput.Event>> events = new LinkedHashMap<>();
    Rows.each(c, COMPLAINTS, rs -> {
      String id = rs.getString(1);
      heads.putIfAbsent(id, new String[] {rs.getString(2), rs.getString(3)});
      events.computeIfAbsent(id, k -> new ArrayList<>()).add(new RaporInput.Event(rs.getString(4),
          rs.getTimestamp(5).toInstant()));
    }, cityId, end, start);
    List<RaporInput.Complaint> out = new ArrayList<>(heads.size());
    heads.forEach((id, h) -> out.add(new RaporInput.Complaint(id, h[0], h[1], events.get(id))));
    return out;
  }
}
