package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.config.ConfigTree;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Ports;
import id.pantau.server.support.RedeliveringGateway;
import id.pantau.server.support.ServerData;
import id.pantau.store.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops (immediate mode) in the middle of ingest and comes back: no PUBACK while it
 * is away, connections stay up, health says degraded, memory stays within the buffer, and
 * ingest resumes by itself with nothing acknowledged lost.
 */
class DatabaseOutageIT {
  static final long BUFFER_BYTES = 4 * 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void ingestWaitsOutADatabaseOutageAndResumesByItself() throws Exception {
    double downSeconds = 0;
    int pgPort = Ports.free();
    Path data = dir.resolve("pg");
    EmbeddedDatabase database = EmbeddedDatabase.start(data, pgPort);
    PantauServer server = PantauServer.start(ConfigTree.of(PantauMain.defaults())
        .with("database.url", database.jdbcUrl()).with("database.user", "postgres")
        .with("database.connectTimeout", "1s")
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("http.host", "127.0.0.1").with("http.port", 0)
        .with("http.snapshotInterval", "500ms")
        .with("ingest.retryMax", "500ms").with("ingest.bufferBytes", (int) BUFFER_BYTES)
        .with("ingest.maxFlushBytes", 1024 * 1024)
        .with("security.passwordIterations", 1000).with("gateways.provisionDefaults", false)
        .with("gateways.credentialsDir", dir.resolve("credentials").toString()));
    Vertx vertx = Vertx.vertx();
    List<RedeliveringGateway> gateways = new ArrayList<>();
    try {
      for (String kec : List.of("coblong", "andir", "regol")) {
        ServerData.gateway(server, "bandung." + kec + ".t1", kec, "pw");
        var gw = new RedeliveringGateway(vertx, "bandung." + kec + ".t1", "pw", kec, server.mqttPort());
        gateways.add(gw);
        gw.start();
      }
      Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways) > 20, true);

      // when PostgreSQL stops in immediate mode
      stopImmediately(data);
      long downAt = System.nanoTime();
      Poll.until(() -> health(server).statusCode(), 503);
      // commits that completed just before the stop are counted, and their PUBACKs may still be on their way
      long committed = server.metrics().snapshot().getLong("storedBatches");
      Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways), committed);
      long ackedWhenDown = committed;
      Thread.sleep(18_000); // down for about 20 s in all

      // then nothing is acknowledged while it is away, connections stay up, memory stays bounded
      assertEquals(ackedWhenDown, RedeliveringGateway.acknowledgedBatches(gateways), "a PUBACK was sent while the database was down");
      gateways.forEach(g -> assertEquals(1, g.connections(), g.id() + " was disconnected"));
      JsonObject ingest = new JsonObject(health(server).body()).getJsonObject("ingest");
      assertTrue(ingest.getLong("bufferedBytes") <= BUFFER_BYTES, "buffer " + ingest.getLong("bufferedBytes"));
      assertEquals("degraded", new JsonObject(health(server).body()).getString("status"));

      // and when it is back, ingest resumes by itself
      database.close(); // releases the library's lock on the data folder; the server is already down
      database = EmbeddedDatabase.start(data, pgPort);
      downSeconds = (System.nanoTime() - downAt) / 1e9;
      Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways) > ackedWhenDown + 20, true);
      Poll.until(() -> health(server).statusCode(), 200);
      gateways.forEach(RedeliveringGateway::stopPublishing);
      Poll.until(() -> gateways.stream().mapToInt(RedeliveringGateway::unacknowledgedCount).sum(), 0);
    } finally {
      vertx.close().await();
      server.close();
    }

    // nothing acknowledged is lost, nothing is stored twice
    long expected = RedeliveringGateway.acknowledgedBatches(gateways) * 10;
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", null); Statement s = c.createStatement()) {
      assertEquals(expected, single(s, "SELECT count(*) FROM reading"));
      assertEquals(RedeliveringGateway.acknowledgedBatches(gateways), single(s, "SELECT count(*) FROM ingest_batch"));
    }
    System.out.printf("database outage: PostgreSQL down %.1f s; %d batches (%d readings) acknowledged, all stored once%n",
        downSeconds, RedeliveringGateway.acknowledgedBatches(gateways), expected);
    database.close();
  }


  /** SIGQUIT to the postmaster: PostgreSQL's immediate shutdown, as in a crash. */
  private static void stopImmediately(Path data) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    if (!Files.isExecutable(Path.of("/usr/bin/kill")) && !Files.isExecutable(Path.of("/bin/kill"))) {
      throw new AssertionError("this test needs the kill command: apt-get install procps");
    }
    assertEquals(0, new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).start().waitFor(), "kill -QUIT " + pid);
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
  }

  private static HttpResponse<String> health(PantauServer server) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long single(Statement s, String sql) throws Exception {
    try (var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

}
