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

  private Rows() {
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
