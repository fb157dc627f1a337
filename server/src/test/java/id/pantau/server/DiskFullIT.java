package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.config.ConfigTree;
import id.pantau.server.support.Health;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerData;
import id.pantau.server.support.SmallFileSystem;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database on small file systems (size-limited tmpfs): its data folder on one of
 * 256 MiB, whose free space shows in health and metrics; the reading table on one of 8 MiB
 * (a tablespace), which is filled so that writes fail for lack of space (PostgreSQL's disk_full,
 * 53100). No PUBACK while it is full, health says why, ingest resumes when space is freed.
 */
class DiskFullIT {
  private static final int DATA_MB = 256;

  @TempDir
  static Path dir;
  static SmallFileSystem dataDisk;
  static SmallFileSystem readingDisk;
  static PantauServer server;

  @BeforeAll
  static void start() throws Exception {
    dataDisk = SmallFileSystem.mount(dir.resolve("data-disk"), DATA_MB);
    readingDisk = SmallFileSystem.mount(dir.resolve("reading-disk"), 8);
    Path data = dataDisk.path().resolve("postgres");
    server = PantauServer.start(ConfigTree.of(PantauMain.defaults())
        .with("database.embeddedDataDir", data.toString())
        .with("database.embeddedFreeSpaceWarningMb", DATA_MB * 2) // always below: the warning shows
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("http.host", "127.0.0.1").with("http.port", 0)
        .with("http.snapshotInterval", "500ms").with("ingest.retryMax", "500ms")
        .with("security.passwordIterations", 1000).with("gateways.provisionDefaults", false)
        .with("gateways.credentialsDir", dir.resolve("credentials").toString()));
    Path tablespace = readingDisk.path().resolve("pg");
    Files.createDirectories(tablespace);
    Files.setOwner(tablespace, Files.getOwner(data)); // PostgreSQL's own user must own it
    execute("CREATE TABLESPACE small LOCATION '" + tablespace + "'");
    execute("ALTER TABLE reading SET TABLESPACE small");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (readingDisk != null) {
        readingDisk.close();
      }
      if (dataDisk != null) {
        dataDisk.close();
      }
    }
  }

  @Test
  void freeSpaceOfTheDataFolderIsInHealthAndMetricsWithAWarningBelowTheLevel() throws Exception {
    JsonObject health = Health.body(server.httpPort());
    JsonObject embedded = health.getJsonObject("database").getJsonObject("embedded");
    assertEquals(DATA_MB << 20, embedded.getLong("diskTotalBytes"), "the data folder's own file system: " + embedded);
    assertTrue(embedded.getLong("diskFreeBytes") > 0 && embedded.getLong("diskFreeBytes") < DATA_MB << 20, embedded.encode());
    assertTrue(embedded.getBoolean("diskLow"));
    assertTrue(health.getJsonArray("warnings").encode().contains("embeddedFreeSpaceWarningMb"), health.encode());
    assertEquals("ok", health.getString("status"), "a warning is not a failure: " + health.encode());

    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pantau_database_disk_total_bytes{")
        && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == DATA_MB << 20), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pantau_database_disk_free_bytes{")), "free space metric");
  }

  @Test
  void fullDiskHoldsAcknowledgementsSaysWhyAndIngestResumesWhenSpaceReturns() throws Exception {
    // given a gateway, and the reading table's disk full
    ServerData.gateway(server, "bandung.coblong.df1", "coblong", "pw");
    readingDisk.fill();
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.df1", "pw")) {
      // when it publishes
      IMqttToken sent = gw.publish(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry("bandung.coblong.df1", 1, 1, "df-s1", 10, 1));

      // then health says degraded because the disk is full, and the batch is not acknowledged
      long filledAt = System.nanoTime();
      long toDegraded = Health.millisUntilBody(server.httpPort(), 503,
          b -> b.getJsonArray("reasons").encode().contains("disk is full"), filledAt, Duration.ofSeconds(30));
      assertFalse(sent.isComplete(), "no PUBACK for a write that failed");
      assertEquals(0, ServerData.count(server, "SELECT count(*) FROM ingest_batch"));

      // and when space returns, the same batch is stored and acknowledged, and health is ok again
      readingDisk.free();
      long freedAt = System.nanoTime();
      sent.waitForCompletion(30_000);
      long toAck = (System.nanoTime() - freedAt) / 1_000_000;
      assertEquals(0, sent.getReasonCodes()[0], "PUBACK success");
      long toHealthy = Health.millisUntil(server.httpPort(), 200, freedAt, Duration.ofSeconds(30));
      assertEquals(10, ServerData.count(server, "SELECT count(*) FROM reading"));
      assertEquals(1, ServerData.count(server, "SELECT count(*) FROM ingest_batch"));
      System.out.printf("full disk: health 503 with the reason after %d ms; after freeing space PUBACK in %d ms,"
          + " health 200 in %d ms; 1 batch (10 readings) stored once%n", toDegraded, toAck, toHealthy);
    }
  }


  private static void execute(String sql) throws Exception {
    try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

}
