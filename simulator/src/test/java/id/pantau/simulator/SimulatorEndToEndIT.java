package id.pantau.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.auth.PasswordHasher;
import id.pantau.config.ConfigTree;
import id.pantau.server.PantauMain;
import id.pantau.server.PantauServer;
import id.pantau.simulator.cli.SimulatorMainAccess;
import id.pantau.store.GatewayStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against a real Pantau server on its embedded PostgreSQL, exactly as an
 * engineer runs it: credentials from the file the server wrote, open-loop load, connections
 * dropped and gateways restarted during the run, then verification reading by reading.
 */
class SimulatorEndToEndIT {
  private static Path home;
  private static PantauServer server;

  @BeforeAll
  static void startServer() throws Exception {
    home = Files.createTempDirectory("simulator-it");
    ConfigTree config = ConfigTree.of(PantauMain.defaults())
        .with("database.embeddedDataDir", home.resolve("postgres").toString())
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("mqtt.instances", 2)
        .with("http.host", "127.0.0.1").with("http.port", 0)
        .with("security.passwordIterations", 1000)
        // one test logs 60 gateways in with a wrong secret from this address; with the default
        // limits the address would then be throttled (0x9F) for the tests that follow, which test
        // the simulator, not the throttle (HostileInputIT and LoginFloodIT test that)
        .with("security.loginFailureLimit", 1000).with("security.loginHashesPerAddress", 1000)
        .with("gateways.perKecamatan", 2)
        .with("gateways.credentialsDir", home.resolve("credentials").toString());
    server = PantauServer.start(config);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyAcknowledgedReadingIsStoredOnceDespiteDroppedConnectionsAndRestarts(@TempDir Path reports) throws Exception {
    Run run = simulate("--port", String.valueOf(server.mqttPort()),
        "--credentials", home.resolve("credentials/bandung-gateways.csv").toString(),
        "--rate", "300", "--batch", "20", "--duration", "8s", "--chaos-every", "700ms", "--speed", "600",
        "--verify-db", server.database().jdbcUrl(), "--verify-user", "postgres",
        "--report-dir", reports.toString());
    assertEquals(0, run.exitCode, run.output);

    JsonObject report = new JsonObject(Files.readString(reports.resolve("report.json")));
    JsonObject verification = report.getJsonObject("verification");
    assertTrue(verification.getBoolean("passed"), run.output);
    assertEquals(0L, verification.getLong("missing"));
    assertEquals(0L, verification.getLong("duplicated"));
    assertEquals(0L, verification.getLong("extraNeverSent"));
    assertEquals(report.getLong("ackedReadings"), verification.getLong("acknowledgedReadings"));
    assertTrue(report.getLong("ackedReadings") > 20_000, run.output);
    assertTrue(report.getLong("reconnects") > 0, "chaos dropped connections: " + run.output);

    // open loop: what was scheduled follows the asked rate, whatever the server and the chaos did
    double scheduledRate = report.getLong("scheduledMessages") / report.getDouble("durationSeconds");
    assertEquals(300, scheduledRate, 300 * 0.03, run.output);
    assertEquals(report.getLong("scheduledMessages"), report.getLong("sentMessages"));

    assertTrue(report.getJsonObject("latency").getLong("samples") > 0);
    assertTrue(report.getJsonArray("timeline").size() >= 7);
    String html = Files.readString(reports.resolve("report.html"));
    assertTrue(html.contains("<svg") && html.contains("Latency over time") && !html.contains("http://") && !html.contains("https://"));
    assertTrue(Files.readString(reports.resolve("report.txt")).contains("verification PASSED"));

    // the city model reached the server: complaints and river levels
    assertTrue(count("SELECT count(*) FROM complaint") > 0, "complaints were created");
    assertTrue(count("SELECT count(*) FROM sensor WHERE external_id = 'wl-cikapundung-01'") == 1);
  }

  @Test
  void mqtt311GatewaysWithNaturalPacingAreStoredToo(@TempDir Path reports) throws Exception {
    Run run = simulate("--port", String.valueOf(server.mqttPort()), "--mqtt", "3.1.1",
        "--credentials", home.resolve("credentials/bandung-gateways.csv").toString(),
        "--duration", "6s", "--speed", "60", "--clean-session",
        "--verify-db", server.database().jdbcUrl(), "--report-dir", reports.toString());
    assertEquals(0, run.exitCode, run.output);
    JsonObject report = new JsonObject(Files.readString(reports.resolve("report.json")));
    assertEquals("3.1.1", report.getString("mqttVersion"));
    assertTrue(report.getJsonObject("verification").getBoolean("passed"), run.output);
    assertTrue(report.getLong("ackedReadings") > 0, run.output);
  }

  @Test
  void wrongSecretsStopTheRunWithTheServersReason(@TempDir Path reports) {
    Run run = simulate("--port", String.valueOf(server.mqttPort()), "--secret", "not-the-secret",
        "--duration", "2s", "--report-dir", reports.toString());
    assertEquals(3, run.exitCode, run.output);
    assertTrue(run.output.contains("the server refused the connection: bad user name or password"), run.output);
  }

  @Test
  void aRefusedTopicIsReportedWithTheServersReasonString(@TempDir Path reports) throws Exception {
    // a gateway registered to another kecamatan than the scenario says: its topics are not its own
    int regol = (int) count("SELECT k.id FROM kecamatan k JOIN city c ON c.id = k.city_id"
        + " WHERE c.slug = 'bandung' AND k.slug = 'regol'");
    Path scenario = reports.resolve("one.json");
    Files.writeString(scenario, """
        {"city": "bandung", "gatewaysPerKecamatan": 1,
         "kecamatan": [{"slug": "coblong", "zone": "north", "sensors": {"weather": 1}}]}
        """);
    Path credentials = reports.resolve("creds.csv");
    Files.writeString(credentials, "gateway,kecamatan,secret\nbandung.coblong.gw1,coblong,pw-9\n");
    new GatewayStore(server.database().dataSource()).upsert("bandung.coblong.gw1", regol, new PasswordHasher(1000).hash("pw-9"));
    try {
      Run run = simulate("--port", String.valueOf(server.mqttPort()), "--scenario", scenario.toString(),
          "--credentials", credentials.toString(), "--rate", "5", "--batch", "2", "--duration", "2s", "--no-complaints",
          "--report-dir", reports.toString());
      assertEquals(1, run.exitCode, run.output);
      assertTrue(run.output.contains("rejected: 0x87 not authorized"), run.output);
      assertTrue(run.output.contains("refused the subscription to pantau/v1/bandung/coblong/alerts"), run.output);
      JsonObject report = new JsonObject(Files.readString(reports.resolve("report.json")));
      assertEquals(report.getLong("scheduledMessages"), report.getLong("rejectedMessages"), run.output);
      assertTrue(report.getDouble("elapsedSeconds") < 10, "rejected batches are answered, nothing waits: " + run.output);
    } finally {
      int coblong = (int) count("SELECT k.id FROM kecamatan k JOIN city c ON c.id = k.city_id"
          + " WHERE c.slug = 'bandung' AND k.slug = 'coblong'");
      String secret = Files.readAllLines(home.resolve("credentials/bandung-gateways.csv")).stream()
          .filter(l -> l.startsWith("bandung.coblong.gw1,")).findFirst().orElseThrow().split(",")[2];
      new GatewayStore(server.database().dataSource()).upsert("bandung.coblong.gw1", coblong, new PasswordHasher(1000).hash(secret));
    }
  }

  /**
   * Two kecamatan sampled every second, a model minute a second: every kind of fault, on sensors
   * no other test of this class sends for (their flags are counted in the database below).
   */
  private static final String FAULTY_CITY = """
      {"city": "bandung", "gatewaysPerKecamatan": 1, "clock": {"start": "12:00", "speed": 60},
       "batch": {"everySeconds": 1},
       "sensorIntervalsSeconds": {"air_quality": 1, "weather": 1, "traffic": 1, "noise": 1},
       "plausibility": {"temperature_c": {"min": -10, "max": 50}},
       "kecamatan": [
         {"slug": "cidadap", "zone": "north", "sensors": {"air_quality": 1, "weather": 1, "traffic": 2}},
         {"slug": "cicendo", "zone": "west", "sensors": {"air_quality": 1, "noise": 4}}],
       "faults": [
         {"kind": "stuck", "sensor": "aq-cidadap-01", "metric": "pm10", "startMinute": 1, "durationMinutes": 4},
         {"kind": "spike", "sensor": "aq-cicendo-01", "metric": "pm25", "startMinute": 0, "delta": 5000,
          "probability": 0.5},
         {"kind": "silent", "sensor": "tc-cidadap-02", "startMinute": 2, "durationMinutes": 3},
         {"kind": "dropout", "gateway": "bandung.cicendo.gw1", "share": 0.5, "startMinute": 2, "durationMinutes": 4},
         {"kind": "unit_mixup", "sensor": "wx-cidadap-01", "metric": "temperature_c", "startMinute": 1,
          "durationMinutes": 3},
         {"kind": "clock_drift", "gateway": "bandung.cidadap.gw1", "lagSecondsPerHour": 1800, "startMinute": 0}]}
      """;

  @Test
  void scriptedFaultsAreSentAsScriptedAndExactlyTheImplausibleOnesAreStoredFlagged(@TempDir Path reports)
      throws Exception {
    Path scenario = reports.resolve("faulty.json");
    Files.writeString(scenario, FAULTY_CITY);
    long started = System.currentTimeMillis();
    String since = "to_timestamp(" + (started / 1000 - 60) + ")";
    Run run = simulate("--port", String.valueOf(server.mqttPort()), "--scenario", scenario.toString(),
        "--credentials", home.resolve("credentials/bandung-gateways.csv").toString(), "--duration", "8s",
        "--no-complaints", "--verify-db", server.database().jdbcUrl(), "--report-dir", reports.toString());
    assertEquals(0, run.exitCode, run.output);

    JsonObject report = new JsonObject(Files.readString(reports.resolve("report.json")));
    JsonObject flags = report.getJsonObject("verification").getJsonObject("flags");
    assertTrue(flags.getBoolean("passed"), run.output);
    JsonArray faults = report.getJsonArray("faults");
    for (int i = 0; i < faults.size(); i++) {
      assertTrue(faults.getJsonObject(i).getBoolean("happened"), faults.getJsonObject(i).encode());
    }
    // the spike of 5000 and the temperature in thousands of degrees are the ones meant implausible
    long spiked = faults.getJsonObject(1).getLong("implausible");
    long mixedUp = faults.getJsonObject(4).getLong("implausible");
    assertTrue(spiked > 0 && mixedUp > 0, run.output);
    assertEquals(faults.getJsonObject(4).getLong("changed"), mixedUp, "every mixed-up temperature is out of range");
    assertEquals(spiked + mixedUp, flags.getLong("meant"), run.output);
    assertEquals(flags.getLong("meant"), flags.getLong("flaggedAsMeant"), run.output);
    assertEquals(0L, flags.getLong("flaggedNotMeant"));
    // and the database agrees, counted without the verifier
    assertEquals(flags.getLong("meant"), count("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE r.flag IS NOT NULL AND s.external_id IN ('aq-cicendo-01', 'wx-cidadap-01') AND r.ts >= " + since));
    // faults the server does not flag were sent as scripted: stored, unflagged, or not sent at all
    JsonArray checks = flags.getJsonArray("faults");
    JsonObject stuck = checks.getJsonObject(0);
    assertTrue(stuck.getLong("stored") > 0 && stuck.getLong("stored") == stuck.getLong("acknowledged"), run.output);
    assertEquals(0L, stuck.getLong("flagged"));
    assertTrue(count("SELECT max(n) FROM (SELECT count(*) AS n FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " JOIN metric m ON m.id = r.metric_id WHERE s.external_id = 'aq-cidadap-01' AND m.name = 'pm10'"
        + " AND r.ts >= " + since + " GROUP BY r.value) v") >= stuck.getLong("stored"), "pm10 held one value");
    assertTrue(faults.getJsonObject(2).getLong("withheld") > 0);
    assertTrue(faults.getJsonObject(3).getString("detail").startsWith("silenced 3 of 5 sensors"), run.output);
    JsonObject drift = checks.getJsonObject(5);
    assertTrue(drift.getLong("stored") > 0 && drift.getLong("stored") == drift.getLong("acknowledged"), run.output);
    assertTrue(Files.readString(reports.resolve("report.txt")).contains("fault        #6 clock_drift bandung.cidadap.gw1"));

    // what the wall draws (the one-minute rollups) never saw the implausible ones: every bucket
    // stays in range, and the flagged readings are listed apart with their raw values
    String range = "&from=" + Instant.ofEpochMilli(started - 60_000) + "&to=" + Instant.now().plusSeconds(60);
    assertSeriesClean("/api/v1/series?metric=pm25&kecamatan=cicendo&include=flagged" + range, 1_000, spiked);
    assertSeriesClean("/api/v1/series?metric=temperature_c&kecamatan=cidadap&include=flagged" + range, 50, mixedUp);
  }

  private static void assertSeriesClean(String path, double max, long flagged) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject series = new JsonObject(r.body());
    JsonArray points = series.getJsonArray("points");
    assertFalse(points.isEmpty(), r.body());
    for (int i = 0; i < points.size(); i++) {
      assertTrue(points.getJsonObject(i).getDouble("max") <= max, r.body());
    }
    assertEquals(flagged, series.getJsonArray("flagged").size(), r.body());
  }

  @Test
  void verificationCatchesAFlagThatDiffersFromWhatTheRunMeant(@TempDir Path reports) throws Exception {
    // the scenario's mirror of the city file is wrong both ways: it allows pm25 up to 5000 (the
    // server flags above 1000) and holds co to 1000 (the server allows 100,000)
    Path scenario = reports.resolve("wrong-mirror.json");
    Files.writeString(scenario, """
        {"city": "bandung", "clock": {"start": "12:00", "speed": 60}, "batch": {"everySeconds": 1},
         "sensorIntervalsSeconds": {"air_quality": 1},
         "plausibility": {"pm25": {"max": 5000}, "co": {"max": 1000}},
         "kecamatan": [{"slug": "cibeunying-kidul", "zone": "east", "sensors": {"air_quality": 1}}],
         "faults": [
           {"kind": "stuck", "sensor": "aq-cibeunying-kidul-01", "metric": "pm25", "startMinute": 0, "value": 3000},
           {"kind": "stuck", "sensor": "aq-cibeunying-kidul-01", "metric": "co", "startMinute": 0, "value": 1500}]}
        """);
    Run run = simulate("--port", String.valueOf(server.mqttPort()), "--scenario", scenario.toString(),
        "--credentials", home.resolve("credentials/bandung-gateways.csv").toString(), "--duration", "4s",
        "--no-complaints", "--verify-db", server.database().jdbcUrl(), "--report-dir", reports.toString());
    assertEquals(1, run.exitCode, run.output);

    JsonObject verification = new JsonObject(Files.readString(reports.resolve("report.json"))).getJsonObject("verification");
    assertFalse(verification.getBoolean("passed"));
    assertEquals(0L, verification.getLong("missing"), "every reading was stored: only the flags differ");
    JsonObject flags = verification.getJsonObject("flags");
    assertTrue(flags.getLong("flaggedNotMeant") > 0, run.output);
    assertTrue(flags.getLong("meantNotFlagged") > 0, run.output);
    assertEquals(0L, flags.getLong("flaggedAsMeant"));
    String text = Files.readString(reports.resolve("report.txt"));
    assertTrue(text.contains("verification FAILED"), text);
    assertTrue(text.contains("aq-cibeunying-kidul-01/pm25@") && text.contains("= 3000.0 stored flagged, but sent as plausible"), text);
    assertTrue(text.contains("aq-cibeunying-kidul-01/co@") && text.contains(
        "= 1500.0 sent implausible on purpose (changed by fault #2), stored without a flag"), text);
    assertTrue(text.contains("do they mirror the server's city file?"), text);
  }

  private record Run(int exitCode, String output) {
  }

  private static Run simulate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = SimulatorMainAccess.run(args, print, print);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private static long count(String sql) throws Exception {
    try (Connection c = server.database().dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
