package id.pantau.dashboard.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The rows the complaint indicators of one city are computed from. Blocking: call from a worker. */
public final class ComplaintStatsStore {
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

  private final DataSource ds;

  public ComplaintStatsStore(DataSource ds) {
    this.ds = ds;
  }

  public ComplaintRows load(int cityId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      List<ComplaintRows.OpenCount> open = Rows.list(c, OPEN,
          rs -> new ComplaintRows.OpenCount(rs.getString(1), rs.getString(2), rs.getLong(3)), cityId);
      long newLastHour = Rows.single(c, NEW_LAST_HOUR, rs -> rs.getLong(1), cityId);
      ComplaintRows.TimeToResolve timeToResolve = Rows.single(c, TIME_TO_RESOLVE,
          rs -> new ComplaintRows.TimeToResolve(rs.getLong(1), (Double) rs.getObject(2), (Double) rs.getObject(3)),
          cityId);
      List<ComplaintRow> candidates = Rows.list(c, TARGET_CANDIDATES, rs -> new ComplaintRow(rs.getString(1),
          rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), Rows.instant(rs.getTimestamp(5)),
          rs.getString(6)), cityId);
      return new ComplaintRows(open, newLastHour, timeToResolve, candidates);
    }
  }
}
