package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.RedeliveringGateway;
import id.pantau.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database answers, but slowly: another session holds the readings table for seconds while
 * gateways keep publishing. Acknowledgements wait, the buffer stays within its budget, nobody
 * is disconnected, and once the lock goes everything waiting is stored and acknowledged once.
 */
class SlowDatabaseIT {
  private static final long BUFFER_BYTES = 2 * 1024 * 1024;

  @Test
  void aLockedTableSlowsAcknowledgementsWithoutLosingOrBloating() throws Exception {
    try (TestServer server = TestServer.start(Map.of("ingest.bufferBytes", (int) BUFFER_BYTES,
        "ingest.maxFlushBytes", 512 * 1024, "ingest.writers", 2))) {
      server.truncate();
      Vertx vertx = Vertx.vertx();
      List<RedeliveringGateway> gateways = new ArrayList<>();
      long maxBuffered = 0;
      try {
        for (String kec : List.of("coblong", "andir", "regol")) {
          server.gateway("bandung." + kec + ".t1", "bandung", kec, "pw");
          RedeliveringGateway gw = new RedeliveringGateway(vertx, "bandung." + kec + ".t1", "pw", kec, server.mqttPort());
          gateways.add(gw);
          gw.start();
        }
        Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways) > 20, true);

        long ackedBefore;
        try (Connection lock = server.db().getConnection()) {
          lock.setAutoCommit(false);
          try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE reading IN ACCESS EXCLUSIVE MODE");
          }
          // once both writers wait for the lock, every earlier flush has committed and been counted; the
          // gateways then get the PUBACKs of all of those, and no more
          Poll.until(() -> server.number("SELECT count(*) FROM pg_locks WHERE relation = 'reading'::regclass"
              + " AND NOT granted") >= 2, true);
          long committed = server.server().metrics().snapshot().getLong("storedBatches");
          Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways), committed);
          ackedBefore = committed;
          for (int i = 0; i < 30; i++) { // six seconds of a database that does not finish anything
            Thread.sleep(200);
            maxBuffered = Math.max(maxBuffered, bufferedBytes(server));
          }
          assertEquals(ackedBefore, RedeliveringGateway.acknowledgedBatches(gateways),
              "no PUBACK while the write cannot commit");
          assertEquals(200, health(server).statusCode(), "slow is not down: health stays ok");
          gateways.forEach(g -> assertEquals(1, g.connections(), g.id() + " was disconnected"));
          lock.commit();
        }
        assertTrue(maxBuffered <= BUFFER_BYTES, "buffer " + maxBuffered + " within " + BUFFER_BYTES);
        Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways) > ackedBefore + 20, true);
        gateways.forEach(RedeliveringGateway::stopPublishing);
        Poll.until(() -> gateways.stream().mapToInt(RedeliveringGateway::unacknowledgedCount).sum(), 0);
      } finally {
        vertx.close().await();
      }
      long acked = RedeliveringGateway.acknowledgedBatches(gateways);
      assertEquals(acked * 10, server.number("SELECT count(*) FROM reading"));
      assertEquals(acked, server.number("SELECT count(*) FROM ingest_batch"));
      System.out.printf("slow database: %d batches (%d readings) acknowledged, all stored once; buffer peaked at %,d bytes%n",
          acked, acked * 10, maxBuffered);
    }
  }

  private static long bufferedBytes(TestServer server) throws Exception {
    return new JsonObject(health(server).body()).getJsonObject("ingest").getLong("bufferedBytes");
  }

  private static HttpResponse<String> health(TestServer server) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
  }
}
