package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import id.pantau.config.ConfigException;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

/** The per-address token bucket: bursts, refill, what a request costs, and whom it is charged to. */
class RequestBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void anAddressGetsItsBurstThenWaitsForTheRefill() {
    RequestBudget budget = new RequestBudget(new RequestBudget.Limits(5, 20));
    for (int i = 0; i < 20; i++) {
      assertEquals(0, budget.take("10.0.0.1", 1, 0), "request " + i);
    }
    assertEquals(1, budget.take("10.0.0.1", 1, 0), "past the burst: retry after a second");
    assertEquals(0, budget.take("10.0.0.2", 1, 0), "another address has its own budget");
    assertEquals(0, budget.take("10.0.0.1", 1, SECOND / 5), "one unit is back after 200 ms");
    assertEquals(2, budget.take("10.0.0.1", RequestBudget.DATABASE_COST, SECOND / 5), "10 units at 5 per second");
  }

  @Test
  void databaseQueriesCostMoreThanViewsFromMemoryAndProbesNothing() {
    assertEquals(RequestBudget.DATABASE_COST, RequestBudget.cost("/api/v1/series"));
    assertEquals(RequestBudget.DATABASE_COST, RequestBudget.cost("/open311/v2/requests.json"));
    assertEquals(RequestBudget.DATABASE_COST, RequestBudget.cost("/api/v1/kecamatan/coblong/sensors"));
    assertEquals(RequestBudget.DATABASE_COST, RequestBudget.cost("/api/v1/alerts/history"));
    assertEquals(RequestBudget.DATABASE_COST, RequestBudget.cost("/api/v1/rapor"));
    assertEquals(RequestBudget.DATABASE_COST, RequestBudget.cost("/api/v1/rapor/items"));
    assertEquals(1, RequestBudget.cost("/api/v1/kecamatan"));
    assertEquals(1, RequestBudget.cost("/api/v1/stream"));
    assertEquals(0, RequestBudget.cost("/api/v1/health"));
    assertEquals(0, RequestBudget.cost("/api/v1/health/ready"));
    assertEquals(0, RequestBudget.cost("/metrics"));
  }

  @Test
  void ipv6ClientsAreCountedPerSlash64() {
    assertEquals("2001:0db8:0001:0002::/64", RequestBudget.clientKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:2::5")));
    assertEquals("2001:0db8:0001:0002::/64",
        RequestBudget.clientKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:ffff:1:2:3")));
    assertEquals("192.0.2.7", RequestBudget.clientKey(SocketAddress.inetSocketAddress(1, "192.0.2.7")));
  }

  @Test
  void addressesWhoseBudgetHasRefilledAreForgotten() {
    RequestBudget budget = new RequestBudget(new RequestBudget.Limits(10, 20));
    budget.take("10.0.0.1", 1, 0);
    budget.take("10.0.0.2", 1, SECOND);
    budget.forgetFull(2 * SECOND + 1);
    assertEquals(1, budget.trackedAddresses(), "10.0.0.1 refilled after 2 s and is dropped; 10.0.0.2 is not yet");
  }

  @Test
  void aBurstSmallerThanOneDatabaseQueryIsRefusedAtStart() {
    ConfigException e = assertThrows(ConfigException.class, () -> new RequestBudget.Limits(5, 9));
    assertEquals(true, e.getMessage().contains("http.requestBudget.burst"), e.getMessage());
    new RequestBudget.Limits(0, 0); // off
  }
}
