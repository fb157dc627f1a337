package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import id.pantau.server.support.TimescaleDatabases;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pantau's start on TimescaleDB, on databases of the tests' own: starting again on an existing
 * database changes nothing (migrations and setup are idempotent), and a database where the
 * extension was created after Pantau's tables filled is converted at the next start, its data
 * kept.
 */
class TimescaleLifecycleIT {
  private static final String GW = "bandung.coblong.t1";
  private static final String SHAPE = """
      SELECT concat_ws(' | ',
        (SELECT string_agg(hypertable_name || ':' || compression_enabled, ',' ORDER BY hypertable_name)
           FROM timescaledb_information.hypertables),
        (SELECT string_agg(view_name, ',') FROM timescaledb_information.continuous_aggregates),
        (SELECT string_agg(job_id || ':' || proc_name || ':' || coalesce(hypertable_name, '') || ':' || config::text, ','
           ORDER BY job_id) FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL),
        (SELECT count(*) FROM flyway_schema_history),
        (SELECT count(*) FROM reading), (SELECT sum(count) FROM rollup_1m))""";

  @Test
  void aRestartOnAnExistingTimescaleDatabaseChangesNothing() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("restart", true); TestServer server = TestServer.start(Map.of("database.url", db.url()))) {
      server.gateway(GW, "bandung", "coblong", "pw");
      publish(server, 1, 12);
      String shape = server.text(SHAPE);
      assertEquals(5, server.number("SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL"), shape);

      server.restart();
      assertEquals(shape, server.text(SHAPE), "after the first restart");
      server.restart();
      assertEquals(shape, server.text(SHAPE), "after the second restart");

      publish(server, 2, 5);
      assertEquals(17, server.number("SELECT count(*) FROM reading"));
      assertEquals("timescaledb", health(server).getJsonObject("database").getString("mode"));
    }
  }

  @Test
  void tablesFilledBeforeTheExtensionWasCreatedAreConvertedAtTheNextStart() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("later", false); TestServer server = TestServer.start(Map.of("database.url", db.url()))) {
      // given Pantau ran on plain tables
      assertEquals("postgresql", health(server).getJsonObject("database").getString("mode"));
      server.gateway(GW, "bandung", "coblong", "pw");
      publish(server, 1, 12);
      server.execute("INSERT INTO reading VALUES (now() - INTERVAL '10 days', 1, 1, 7)"); // an older chunk's worth
      String data = data(server);

      // when the extension is created and Pantau starts again
      server.stopForNow();
      db.createExtension();
      server.startAgain();

      // then its tables are hypertables with their policies, nothing lost, and ingest goes on
      assertEquals("timescaledb", health(server).getJsonObject("database").getString("mode"));
      assertEquals("reading,rollup_1m", server.text("SELECT string_agg(hypertable_name, ',' ORDER BY hypertable_name)"
          + " FROM timescaledb_information.hypertables"));
      assertEquals(5, server.number("SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL"));
      assertEquals(data, data(server));
      assertTrue(server.number("SELECT count(*) FROM show_chunks('reading')") >= 2, "the rows moved into chunks");
      assertEquals(0, server.number("SELECT count(*) FROM ONLY reading"), "none left in the parent table");
      publish(server, 2, 3);
      assertEquals(16, server.number("SELECT count(*) FROM reading"));
    }
  }

  private static void publish(TestServer server, long boot, int batches) throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "pw")) {
      for (int seq = 1; seq <= batches; seq++) {
        assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
            Payloads.telemetry(GW, boot, seq, "aq-lifecycle-01", 1, seq)));
      }
    }
  }

  private static String data(TestServer server) throws Exception {
    return server.text("SELECT concat_ws(' ', (SELECT count(*) || '/' || sum(value) FROM reading),"
        + " (SELECT sum(count) || '/' || sum(sum) FROM rollup_1m), (SELECT count(*) FROM ingest_batch),"
        + " (SELECT count(*) FROM latest_value))");
  }

  private static JsonObject health(TestServer server) throws Exception {
    return new JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/health", null, null).body());
  }
}
