package id.pantau.dashboard.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A query and a row handler: the JDBC ceremony the read-model stores share. */
public final class Rows {
  public interface Handler {
    void row(ResultSet rs) throws SQLException;
  }

  /** Turns the current row into a record. */
  public interface Mapper<T> {
    T row(ResultSet rs) throws SQLException;
  }

  /** A unit of read-side work on one connection. */
  public interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  /**
   * How long a read of the raw {@code reading} table waits for a lock before it gives up. The
   * writers wait for locks (a migration, a retention job, an operator's {@code LOCK TABLE}); the
   * read side must not, or one locked table stops every view of the tick and the wall goes stale.
   * A read that gives up fails its view for that tick (shown in health), the others go on.
   */
  public static final String READ_LOCK_TIMEOUT = "1s";

  private Rows() {
  }

  /** Runs {@code work} in a read-only transaction that waits at most {@link #READ_LOCK_TIMEOUT} for a lock. */
  public static <T> T withoutWaitingForLocks(DataSource ds, Work<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (var st = c.createStatement()) {
          st.execute("SET LOCAL lock_timeout = '" + READ_LOCK_TIMEOUT + "'");
        }
        T result = work.on(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  public static void each(Connection c, String sql, Handler handler, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }

  /** Every row as a record, on a connection of its own. Blocking: call from a worker. */
  public static <T> List<T> list(DataSource ds, String sql, Mapper<T> mapper, Object... params) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return list(c, sql, mapper, params);
    }
  }

  public static <T> List<T> list(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
    List<T> out = new ArrayList<>();
    each(c, sql, rs -> out.add(mapper.row(rs)), params);
    return out;
  }

  /** The only row of a query that always answers one (an aggregate). */
  public static <T> T single(Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
    List<T> one = list(c, sql, mapper, params);
    if (one.size() != 1) {
      throw new SQLException("expected one row, got " + one.size() + ": " + sql);
    }
    return one.get(0);
  }

  public static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
