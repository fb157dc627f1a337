package id.pantau.dashboard.kpi;

import id.pantau.dashboard.readmodel.FlaggedReading;
import id.pantau.dashboard.readmodel.FlaggedReadingStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Count, min, max and mean per bucket, summed from the one-minute rollups, so hour and day
 * views need no tables of their own and are exact under redelivery like the rollups.
 *
 * <p>Where the database has {@code rollup_1h} (TimescaleDB's continuous aggregate of the
 * minute rollups, real-time so the newest minutes are in it), hour and day views read the whole
 * hours of their range from it, 60 times fewer rows, and only the partial hours at the edges from
 * the minute rollups: the same sums, so the same answers as without it.
 */
public final class SeriesQuery {
  private static final Logger log = LoggerFactory.getLogger(SeriesQuery.class);

  // date_bin aligns buckets to an origin; the origin is a local midnight of the city, so day
  // buckets are the city's days.
  private static final String FROM_MINUTES = """
      SELECT date_bin(?::interval, r.minute, ?) AS bucket,
             sum(r.count), min(r.min), max(r.max), sum(r.sum)
      FROM rollup_1m r
      JOIN kecamatan k ON k.id = r.kecamatan_id
      JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND (?::int IS NULL OR k.id = ?::int) AND m.name = ?
        AND r.minute >= ? AND r.minute < ?
      GROUP BY 1 ORDER BY 1""";

  // [from, to) = [from, firstHour) in minutes + [firstHour, lastHour) in hours + [lastHour, to) in minutes
  private static final String FROM_HOURS_AND_EDGE_MINUTES = """
      SELECT date_bin(?::interval, x.t, ?) AS bucket,
             sum(x.count), min(x.min), max(x.max), sum(x.sum)
      FROM (
        SELECT r.hour AS t, r.count, r.min, r.max, r.sum FROM rollup_1h r
        WHERE r.kecamatan_id IN (SELECT id FROM kecamatan WHERE city_id = ? AND (?::int IS NULL OR id = ?::int))
          AND r.metric_id = (SELECT id FROM metric WHERE name = ?) AND r.hour >= ? AND r.hour < ?
        UNION ALL
        SELECT r.minute, r.count, r.min, r.max, r.sum FROM rollup_1m r
        WHERE r.kecamatan_id IN (SELECT id FROM kecamatan WHERE city_id = ? AND (?::int IS NULL OR id = ?::int))
          AND r.metric_id = (SELECT id FROM metric WHERE name = ?)
          AND ((r.minute >= ? AND r.minute < ?) OR (r.minute >= ? AND r.minute < ?))
      ) x
      GROUP BY 1 ORDER BY 1""";

  /** Flagged readings a series carries at most: enough to see what a faulty sensor sent. */
  public static final int MAX_FLAGGED = 1000;

  private final DataSource ds;
  private final boolean hourlyAggregate;
  private final FlaggedReadingStore flagged;

  /** Uses {@code rollup_1h} when the database has it. */
  public SeriesQuery(DataSource ds) {
    this(ds, hasHourlyAggregate(ds));
  }

  /** @param hourlyAggregate whether to read whole hours from {@code rollup_1h} */
  public SeriesQuery(DataSource ds, boolean hourlyAggregate) {
    this.ds = ds;
    this.hourlyAggregate = hourlyAggregate;
    this.flagged = new FlaggedReadingStore(ds);
    if (hourlyAggregate) {
      log.info("series: hour and day views read whole hours from the rollup_1h continuous aggregate");
    }
  }

  /** Whether the database has TimescaleDB's {@code rollup_1h} (false when it cannot be asked). */
  public static boolean hasHourlyAggregate(DataSource ds) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT to_regclass('rollup_1h')");
         ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getString(1) != null;
    } catch (SQLException e) {
      return false; // the database is away at start: the minute rollups serve every view
    }
  }

  /** Blocking: call from a worker. {@code kecamatanId} null means city-wide. */
  public JsonObject load(SeriesRequest req, int cityId, Integer kecamatanId, ZoneId zone) throws SQLException {
    Instant origin = SeriesRequest.origin(zone);
    Instant firstHour = ceilHour(req.from());
    Instant lastHour = req.to().truncatedTo(ChronoUnit.HOURS);
    // hour rows fit the city's buckets only where its midnight falls on a whole UTC hour (all of Indonesia)
    boolean useHours = hourlyAggregate && req.step() != SeriesRequest.Step.MINUTE
        && origin.getEpochSecond() % 3600 == 0 && firstHour.isBefore(lastHour);
    JsonArray points = new JsonArray();
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement(useHours ? FROM_HOURS_AND_EDGE_MINUTES : FROM_MINUTES)) {
      int i = 1;
      ps.setString(i++, req.step().width().toSeconds() + " seconds");
      ps.setTimestamp(i++, Timestamp.from(origin));
      i = where(ps, i, cityId, kecamatanId, req);
      if (useHours) {
        ps.setTimestamp(i++, Timestamp.from(firstHour));
        ps.setTimestamp(i++, Timestamp.from(lastHour));
        i = where(ps, i, cityId, kecamatanId, req);
        ps.setTimestamp(i++, Timestamp.from(req.from()));
        ps.setTimestamp(i++, Timestamp.from(firstHour));
        ps.setTimestamp(i++, Timestamp.from(lastHour));
        ps.setTimestamp(i, Timestamp.from(req.to()));
      } else {
        ps.setTimestamp(i++, Timestamp.from(req.from()));
        ps.setTimestamp(i, Timestamp.from(req.to()));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long count = rs.getLong(2);
          points.add(new JsonObject().put("t", rs.getTimestamp(1).toInstant().toString()).put("count", count)
              .put("min", rs.getDouble(3)).put("max", rs.getDouble(4)).put("mean", rs.getDouble(5) / count));
        }
      }
    }
    JsonObject out = new JsonObject().put("city", req.city()).put("kecamatan", req.kecamatan())
        .put("metric", req.metric().wireName()).put("unit", req.metric().unit()).put("step", req.step().label())
        .put("from", req.from().toString()).put("to", req.to().toString()).put("points", points);
    return req.includeFlagged() ? withFlagged(out, req, cityId, kecamatanId) : out;
  }

  /** {@code flagged}: the readings kept out of the points, oldest first, each with why; at most {@link #MAX_FLAGGED}. */
  private JsonObject withFlagged(JsonObject out, SeriesRequest req, int cityId, Integer kecamatanId)
      throws SQLException {
    List<FlaggedReading> list = flagged.load(cityId, kecamatanId, req.metric().wireName(), req.from(), req.to(),
        MAX_FLAGGED + 1);
    JsonArray readings = new JsonArray();
    list.stream().limit(MAX_FLAGGED).forEach(r -> readings.add(new JsonObject().put("ts", r.ts().toString())
        .put("sensor", r.sensor()).put("kecamatan", r.kecamatan()).put("value", r.value()).put("flag", r.flag())));
    return out.put("flagged", readings).put("flaggedTruncated", list.size() > MAX_FLAGGED);
  }

  /** city, kecamatan (twice: null means all), metric. */
  private static int where(PreparedStatement ps, int i, int cityId, Integer kecamatanId, SeriesRequest req)
      throws SQLException {
    ps.setInt(i++, cityId);
    ps.setObject(i++, kecamatanId);
    ps.setObject(i++, kecamatanId);
    ps.setString(i++, req.metric().wireName());
    return i;
  }

  private static Instant ceilHour(Instant t) {
    Instant floor = t.truncatedTo(ChronoUnit.HOURS);
    return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
  }
}
