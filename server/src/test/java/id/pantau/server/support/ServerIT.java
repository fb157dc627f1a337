package id.pantau.server.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real server per test class on the shared database; every test starts from empty data
 * tables with gateway {@link #GW} (password {@link #SECRET}) bound to Coblong, Bandung.
 */
public abstract class ServerIT {
  protected static final String GW = "bandung.coblong.t1";
  protected static final String SECRET = "secret-1";
  protected static TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void emptyTablesAndOneGateway() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", SECRET);
  }
}
