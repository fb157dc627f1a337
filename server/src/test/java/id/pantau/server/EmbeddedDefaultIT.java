package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.config.ConfigTree;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database configured, Pantau runs its own PostgreSQL, durably, in a folder that survives restarts. */
class EmbeddedDefaultIT {
  @TempDir
  Path dir;

  @Test
  void embeddedDefaultIsDurableAndKeepsItsDataAcrossRestarts() throws Exception {
    ConfigTree config = ConfigTree.of(PantauMain.defaults())
        .with("database.embeddedDataDir", dir.resolve("postgres").toString())
        .with("gateways.credentialsDir", dir.resolve("credentials").toString())
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("http.port", 0)
        .with("security.passwordIterations", 1000);

    // given a first start: gateways are provisioned, their secrets written where the README says
    try (PantauServer server = PantauServer.start(config)) {
      // then acknowledgements mean durable: synchronous commit and fsync are on
      assertEquals("on", show(server, "synchronous_commit"));
      assertEquals("on", show(server, "fsync"));
      List<String> credentials = Files.readAllLines(dir.resolve("credentials/bandung-gateways.csv"));
      assertEquals(31, credentials.size(), "a header and one gateway per kecamatan");
      String[] coblong = credentials.stream().filter(l -> l.startsWith("bandung.coblong.gw1,")).findFirst()
          .orElseThrow().split(",");

      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), coblong[0], coblong[2])) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetry(coblong[0], 1, 1, "aq-1", 5, 1)));
      }
    }

    // when it starts again on the same folder, then the data and the credentials are still there
    try (PantauServer server = PantauServer.start(config)) {
      try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement();
           var rs = s.executeQuery("SELECT count(*) FROM reading")) {
        rs.next();
        assertEquals(5, rs.getLong(1));
      }
      assertEquals(31, Files.readAllLines(dir.resolve("credentials/bandung-gateways.csv")).size(),
          "no second set of secrets on restart");
    }
  }

  private static String show(PantauServer server, String setting) throws Exception {
    try (Connection c = server.database().dataSource().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
