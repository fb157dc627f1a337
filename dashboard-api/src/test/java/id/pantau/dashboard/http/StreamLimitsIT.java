package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Batches;
import id.pantau.dashboard.testing.DashboardFixture;
import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.dashboard.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live streams are capped per address (429) and on the node (503), each refusal with
 * {@code Retry-After} and a body naming the limit; polling, the gateways' data and other
 * addresses' streams go on, and a closed stream frees its place. (The MQTT listener served
 * beside a thousand open streams is the server's StreamBackPressureIT.)
 */
class StreamLimitsIT {
  private static final String GW = "bandung.regol.t1";
  private static DashboardFixture dashboard;

  @BeforeAll
  static void start() throws Exception {
    dashboard = DashboardFixture.start(Map.of("http.stream.maxConnections", 6, "http.stream.maxConnectionsPerAddress", 3));
    dashboard.truncate();
    dashboard.gateway(GW, "bandung", "regol");
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  @Test
  void streamsAreCappedPerAddressAndOnTheNode() throws Exception {
    int port = dashboard.httpPort();
    List<Socket> open = new ArrayList<>();
    try {
      // given three streams from one address
      for (int i = 0; i < 3; i++) {
        assertEquals(200, stream(open, "127.0.0.2").status());
      }
      // then a fourth from it is refused, with the limit named
      RawHttp.Answer fourth = stream(open, "127.0.0.2");
      assertEquals(429, fourth.status(), fourth.head());
      assertEquals("10", fourth.header("Retry-After"));
      assertTrue(fourth.body().contains("http.stream.maxConnectionsPerAddress"), fourth.body());
      // another address fills the node; past that the node itself refuses, 503
      for (int i = 0; i < 3; i++) {
        assertEquals(200, stream(open, "127.0.0.3").status());
      }
      RawHttp.Answer full = stream(open, "127.0.0.4");
      assertEquals(503, full.status(), full.head());
      assertTrue(full.body().contains("http.stream.maxConnections"), full.body());
      assertEquals("10", full.header("Retry-After"));
      // meanwhile polling is served, and the gateways' data is committed
      assertEquals(200, RawHttp.get("127.0.0.4", port, "/api/v1/kecamatan").status());
      assertEquals(1, dashboard.telemetry("bandung", "regol", Batches.pm25(GW, 1, 1, "aq-regol-01", 3, 1))
          .storedBatches());
      JsonObject streams = health().getJsonObject("api").getJsonObject("streams");
      assertEquals(6, streams.getInteger("open"), streams.encode());
      assertEquals(2, streams.getLong("refused"), streams.encode());
      // and a closed stream frees its place
      open.get(0).close();
      Poll.until(() -> health().getJsonObject("api").getJsonObject("streams").getInteger("open"), 5);
      assertEquals(200, stream(open, "127.0.0.2").status());
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  private static RawHttp.Answer stream(List<Socket> open, String address) throws Exception {
    Socket s = RawHttp.open(address, dashboard.httpPort(), 64 * 1024);
    open.add(s);
    RawHttp.request(s, "/api/v1/stream");
    return RawHttp.readHead(s);
  }

  private static JsonObject health() throws Exception {
    return new JsonObject(Http.send(dashboard.httpPort(), "GET", "/api/v1/health", null, null).body());
  }
}
