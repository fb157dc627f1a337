package id.pantau.dashboard.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One dashboard API per test class on the shared database; every test starts from empty data
 * tables with gateway {@link #GW} bound to Coblong, Bandung.
 */
public abstract class DashboardIT {
  protected static final String GW = "bandung.coblong.t1";
  protected static DashboardFixture dashboard;

  @BeforeAll
  static void startDashboard() throws Exception {
    dashboard = DashboardFixture.start();
  }

  @AfterAll
  static void stopDashboard() {
    dashboard.close();
  }

  @BeforeEach
  void emptyTablesAndOneGateway() throws Exception {
    dashboard.truncate();
    dashboard.gateway(GW, "bandung", "coblong");
  }
}
