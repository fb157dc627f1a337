package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.dashboard.testing.RawHttp;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-address request budget (here 5 per second, bursts of 20; a database query counts 10):
 * an address past it gets 429 with {@code Retry-After} and a body that says why, while other
 * addresses, the health probe and the gateways are served, and the address is served again once
 * its budget has come back.
 */
class RequestBudgetIT {
  private static final String GW = "bandung.regol.t1";
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("http.requestBudget.perSecond", 5, "http.requestBudget.burst", 20));
    server.truncate();
    server.gateway(GW, "bandung", "regol", "secret-r");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAddressPastItsBudgetGets429WithRetryAfterAndOthersAreServed() throws Exception {
    int port = server.httpPort();
    try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-r")) {
      // given one address asking as fast as it can
      int served = 0;
      RawHttp.Answer refused = null;
      for (int i = 0; i < 40 && refused == null; i++) {
        RawHttp.Answer a = RawHttp.get("127.0.0.2", port, "/api/v1/kecamatan");
        if (a.status() == 429) {
          refused = a;
        } else {
          assertEquals(200, a.status(), a.head());
          served++;
        }
      }
      // then it is served its burst, and refused after it with a reason and when to come back
      assertTrue(refused != null, "an address past its budget is refused");
      assertTrue(served >= 20 && served <= 25, "the burst is served: " + served);
      assertEquals("1", refused.header("Retry-After"), refused.head());
      JsonObject why = new JsonObject(refused.body());
      assertTrue(why.getString("error").contains("127.0.0.2") && why.getString("error").contains("5 per second"),
          why.encode());
      // while the address is refused: the health probe, another address and the gateways are served
      assertEquals(200, RawHttp.get("127.0.0.2", port, "/api/v1/health").status(), "health is never counted");
      assertEquals(200, RawHttp.get("127.0.0.1", port, "/api/v1/kecamatan").status(), "another address");
      assertEquals(0, gateway.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
          Payloads.telemetry(GW, 1, 1, "aq-regol-01", 3, 1)), "a gateway's batch is acknowledged");
      // and once its budget has come back, the address is served again
      Poll.until(() -> RawHttp.get("127.0.0.2", port, "/api/v1/kecamatan").status(), 200);
    }
  }

  @Test
  void aDatabaseQueryCostsTenTimesAViewFromMemory() throws Exception {
    int port = server.httpPort();
    String series = "/api/v1/series?metric=pm25&step=1h";
    // given a fresh address with a burst of 20: two series queries fit, the third does not
    assertEquals(200, RawHttp.get("127.0.0.3", port, series).status());
    assertEquals(200, RawHttp.get("127.0.0.3", port, series).status());
    RawHttp.Answer third = RawHttp.get("127.0.0.3", port, series);
    assertEquals(429, third.status(), third.head());
    assertTrue(new JsonObject(third.body()).getString("error").contains("a database query counts 10"), third.body());
    assertEquals(2, Integer.parseInt(third.header("Retry-After")), "10 units at 5 per second: "
        + third.header("Retry-After"));
  }
}
