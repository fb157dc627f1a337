package id.pantau.dashboard.kpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Count, min, max and mean per bucket, summed from the one-minute rollups, so hour and day
 * views need no tables of their own and are exact under redelivery like the rollups.
 */
public final class SeriesQuery {
  // date_bin aligns buckets to an origin; the origin is a local midnight of the city, so day
  // buckets are the city's days.
  private static final String SQL = """
      SELECT date_bin(?::interval, r.minute, ?) AS bucket,
             sum(r.count), min(r.min), max(r.max), sum(r.sum)
      FROM rollup_1m r
      JOIN kecamatan k ON k.id = r.kecamatan_id
      JOIN metric m ON m.id = r.metric_id
      WHERE k.city_id = ? AND (?::int IS NULL OR k.id = ?::int) AND m.name = ?
        AND r.minute >= ? AND r.minute < ?
      GROUP BY 1 ORDER BY 1""";

  private final DataSource ds;

  public SeriesQuery(DataSource ds) {
    this.ds = ds;
  }

  /** Blocking: call from a worker. {@code kecamatanId} null means city-wide. */
  public JsonObject load(SeriesRequest req, int cityId, Integer kecamatanId, ZoneId zone) throws SQLException {
    Instant origin = LocalDate.of(2000, 1, 1).atStartOfDay(zone).toInstant();
    JsonArray points = new JsonArray();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setString(1, req.step().width().toSeconds() + " seconds");
      ps.setTimestamp(2, Timestamp.from(origin));
      ps.setInt(3, cityId);
      ps.setObject(4, kecamatanId);
      ps.setObject(5, kecamatanId);
      ps.setString(6, req.metric().wireName());
      ps.setTimestamp(7, Timestamp.from(req.from()));
      ps.setTimestamp(8, Timestamp.from(req.to()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long count = rs.getLong(2);
          points.add(new JsonObject().put("t", rs.getTimestamp(1).toInstant().toString()).put("count", count)
              .put("min", rs.getDouble(3)).put("max", rs.getDouble(4)).put("mean", rs.getDouble(5) / count));
        }
      }
    }
    return new JsonObject().put("city", req.city()).put("kecamatan", req.kecamatan())
        .put("metric", req.metric().wireName()).put("unit", req.metric().unit()).put("step", req.step().label())
        .put("from", req.from().toString()).put("to", req.to().toString()).put("points", points);
  }
}
