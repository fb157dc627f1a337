package id.pantau.server.support;

import id.pantau.auth.PasswordHasher;
import id.pantau.server.PantauServer;
import id.pantau.store.GatewayStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** Data set up and read through a running server's own pool, for tests that start servers of their own. */
public final class ServerData {
  private ServerData() {
  }

  /** Creates (or resets) gateway {@code id} in a Bandung kecamatan with this password. */
  public static void gateway(PantauServer server, String id, String kecamatan, String password) throws Exception {
    try (Connection c = server.database().dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT k.id FROM kecamatan k WHERE k.slug = ?")) {
      ps.setString(1, kecamatan);
      try (var rs = ps.executeQuery()) {
        rs.next();
        new GatewayStore(server.database().dataSource()).upsert(id, rs.getInt(1), new PasswordHasher(1000).hash(password));
      }
    }
  }

  /** The single number a query answers, e.g. a count. */
  public static long count(PantauServer server, String sql) throws Exception {
    try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
