package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Ports;
import id.pantau.server.support.RedeliveringGateway;
import id.pantau.store.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
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
 * The server process is killed with SIGKILL in the middle of sustained ingest, three times,
 * and restarted each time: gateways reconnect and redeliver, and in the end every
 * acknowledged reading is in the database once.
 */
class CrashRecoveryIT {
  @TempDir
  Path dir;

  @Test
  void killedServerLosesNothingAcknowledgedAndStoresNothingTwice() throws Exception {
    int mqttPort = Ports.free();
    Path config = dir.resolve("pantau.json");
    Files.writeString(config, new JsonObject()
        .put("mqtt", new JsonObject().put("host", "127.0.0.1").put("port", mqttPort))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", Ports.free()))
        .put("database", new JsonObject().put("embeddedDataDir", dir.resolve("postgres").toString()))
        .put("security", new JsonObject().put("passwordIterations", 1000))
        .put("gateways", new JsonObject().put("credentialsDir", dir.resolve("credentials").toString()))
        .encodePrettily());
    Process server = startServer(config, mqttPort);
    Vertx vertx = Vertx.vertx();
    List<RedeliveringGateway> gateways = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("credentials/bandung-gateways.csv")).subList(1, 4)) {
        String[] f = line.split(",");
        var gw = new RedeliveringGateway(vertx, f[0], f[2], f[1], mqttPort);
        gateways.add(gw);
        gw.start();
      }
      for (int crash = 0; crash < 3; crash++) {
        awaitIngest(gateways); // running (again) before each crash
        server.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush
        server = startServer(config, mqttPort);
      }
      awaitIngest(gateways);
      RedeliveringGateway.stopAndAwaitAcknowledged(gateways);
    } finally {
      vertx.close().await();
      server.destroy(); // SIGTERM: a clean shutdown, so the data folder can be opened below
      server.waitFor();
    }

    long expected = RedeliveringGateway.acknowledgedBatches(gateways) * 10;
    String log = Files.readString(dir.resolve("server.log"));
    System.out.printf("crash recovery: 3 SIGKILLs, %d batches (%d readings) acknowledged, orphaned postmaster stopped %d times%n",
        RedeliveringGateway.acknowledgedBatches(gateways), expected, log.split("still holds", -1).length - 1);
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
         Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
         Statement s = c.createStatement()) {
      assertEquals(expected, single(s, "SELECT count(*) FROM reading"), "acknowledged readings stored");
      assertEquals(expected, single(s, "SELECT count(*) FROM (SELECT DISTINCT sensor_id, ts FROM reading) d"),
          "no reading stored twice");
      assertEquals(expected, single(s, "SELECT sum(count) FROM rollup_1m"), "rollups exact");
      assertEquals(RedeliveringGateway.acknowledgedBatches(gateways), single(s, "SELECT count(*) FROM ingest_batch"), "every acknowledged batch once");
    }
  }

  /** Waits until the gateways have 30 more batches acknowledged than now. */
  private static void awaitIngest(List<RedeliveringGateway> gateways) throws Exception {
    long before = RedeliveringGateway.acknowledgedBatches(gateways);
    Poll.until(() -> RedeliveringGateway.acknowledgedBatches(gateways) >= before + 30, true);
  }

  private static long single(Statement s, String sql) throws Exception {
    try (var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Process startServer(Path config, int mqttPort) throws Exception {
    Path jar = Path.of("target/pantau.jar");
    assertTrue(Files.exists(jar), "target/pantau.jar is built by the package phase before integration tests");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toAbsolutePath().toString(), "--config", config.toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
        .start();
    long deadline = System.currentTimeMillis() + 180_000; // a JVM starting on a busy machine is slow
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", mqttPort)) {
        return p;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new AssertionError("server exited: " + Files.readString(dir.resolve("server.log")));
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("server did not listen within 180 s: " + Files.readString(dir.resolve("server.log")));
  }

}
