package id.pantau.dashboard.kpi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A query and a row handler: the JDBC ceremony the views share. */
public final class Rows {
  public interface Handler {
    void row(ResultSet rs) throws SQLException;
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
}
