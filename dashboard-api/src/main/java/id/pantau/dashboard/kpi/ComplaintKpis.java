package id.pantau.dashboard.kpi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The complaint indicators of one city: open complaints by kecamatan and category, new in
 * the last hour, median and p90 time to resolve over the last 24 hours, and the complaints a
 * target applies to (open ones, and those resolved in the last 24 hours) for the breach check.
 */
public final class ComplaintKpis {
  private static final String OPEN = """
      SELECT k.slug, c.category, count(*) FROM complaint c JOIN kecamatan k ON k.id = c.kecamatan_id
      WHERE c.city_id = ? AND c.resolved_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2""";
  private static final String NEW_LAST_HOUR = """
      SELECT count(*) FROM complaint WHERE city_id = ? AND created_at >= now() - interval '1 hour'""";
  private static final String TIME_TO_RESOLVE = """
      SELECT count(*),
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at)),
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
      FROM complaint WHERE city_id = ? AND resolved_at >= now() - interval '24 hours'""";
  private static final String TARGET_CANDIDATES = """
      SELECT c.id, k.slug, c.category, c.created_at, c.resolved_at, c.state
      FROM complaint c JOIN kecamatan k ON k.id = c.kecamatan_id
      WHERE c.city_id = ? AND (c.resolved_at IS NULL OR c.resolved_at >= now() - interval '24 hours')
      ORDER BY c.created_at""";

  /** A complaint a resolution target applies to right now. */
  public record Candidate(String id, String kecamatan, String category, Instant createdAt, Instant resolvedAt,
                          String state) {
  }

  /** The counts, and the candidates for the breach check. */
  public record Result(JsonObject counts, List<Candidate> candidates) {
  }

  private final DataSource ds;

  public ComplaintKpis(DataSource ds) {
    this.ds = ds;
  }

  /** Blocking: call from a worker. */
  public Result load(int cityId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      JsonObject open = new JsonObject();
      long openTotal = 0;
      try (ResultSet rs = query(c, OPEN, cityId)) {
        while (rs.next()) {
          JsonObject byCategory = open.getJsonObject(rs.getString(1), new JsonObject());
          open.put(rs.getString(1), byCategory.put(rs.getString(2), rs.getLong(3)));
          openTotal += rs.getLong(3);
        }
      }
      JsonObject counts = new JsonObject().put("open", openTotal).put("openByKecamatan", open)
          .put("newLastHour", single(c, NEW_LAST_HOUR, cityId)).put("timeToResolve24h", timeToResolve(c, cityId));
      return new Result(counts, candidates(c, cityId));
    }
  }

  private static JsonObject timeToResolve(Connection c, int cityId) throws SQLException {
    try (ResultSet rs = query(c, TIME_TO_RESOLVE, cityId)) {
      rs.next();
      return new JsonObject().put("resolved", rs.getLong(1))
          .put("medianSeconds", (Double) rs.getObject(2)).put("p90Seconds", (Double) rs.getObject(3));
    }
  }

  private static List<Candidate> candidates(Connection c, int cityId) throws SQLException {
    List<Candidate> list = new ArrayList<>();
    try (ResultSet rs = query(c, TARGET_CANDIDATES, cityId)) {
      while (rs.next()) {
        Timestamp resolved = rs.getTimestamp(5);
        list.add(new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
            resolved == null ? null : resolved.toInstant(), rs.getString(6)));
      }
    }
    return list;
  }

  private static long single(Connection c, String sql, int cityId) throws SQLException {
    try (ResultSet rs = query(c, sql, cityId)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The result set closes with its statement (closeOnCompletion). */
  private static ResultSet query(Connection c, String sql, int cityId) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.closeOnCompletion();
    ps.setInt(1, cityId);
    return ps.executeQuery();
  }

  /** Candidates as JSON, for the breach list. */
  public static JsonArray toJson(List<Candidate> breaches) {
    JsonArray list = new JsonArray();
    breaches.forEach(b -> list.add(new JsonObject().put("id", b.id()).put("kecamatan", b.kecamatan())
        .put("category", b.category()).put("createdAt", b.createdAt().toString())
        .put("resolvedAt", b.resolvedAt() == null ? null : b.resolvedAt().toString()).put("state", b.state())));
    return list;
  }
}
