package id.pantau.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpExplainsEveryOptionWithItsDefault() {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--rate MSG/S"), help);
    assertTrue(help.contains("--duration DURATION") && help.contains("(default: 60s)"), help);
    assertTrue(help.contains("--verify-db JDBC-URL"), help);
    assertTrue(help.contains("--scenario my-city.json --validate"), "the examples stay: " + help);
  }

  @Test
  void validateListsTheScenariosFaults() {
    assertEquals(0, run("--scenario", "bandung-faults", "--validate"));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("1 rain events, 7 faults"), text);
    assertTrue(text.contains("fault #2 stuck wl-cikapundung-01 from minute 5 for 90 min"), text);
    assertTrue(text.contains("fault #7 dropout bandung.sumur-bandung.gw1 from minute 25 for 30 min"), text);
  }

  @Test
  void durationsReadAsPeopleTypeThem() {
    DurationConverter d = new DurationConverter();
    assertEquals(java.time.Duration.ofMinutes(10), d.convert("10m"));
    assertEquals(java.time.Duration.ofSeconds(60), d.convert("60s"));
    assertEquals(java.time.Duration.ofDays(365), d.convert("365d"));
    assertEquals(java.time.Duration.ofMillis(500), d.convert("500ms"));
    assertEquals(java.time.Duration.ofSeconds(90), d.convert("90"));
    assertEquals(java.time.Duration.ofMillis(1500), d.convert("1.5s"));
    assertEquals(java.time.Duration.ofHours(1), d.convert("1h"));
    assertThrows(picocli.CommandLine.TypeConversionException.class, () -> d.convert("-5s"));
    assertThrows(picocli.CommandLine.TypeConversionException.class, () -> d.convert("5 weeks"));
  }

  @Test
  void completionScriptNamesTheOptions() {
    assertEquals(0, run("--completion"));
    String script = out.toString(StandardCharsets.UTF_8);
    assertTrue(script.contains("complete -F") && script.contains("--reading-rate"), script);
  }

  @Test
  void wrongOptionsSayWhichAndWhy() {
    assertEquals(2, run("--rate", "100", "--reading-rate", "1000"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not both"));
    err.reset();
    assertEquals(2, run("--duraton", "5s"));
    String unknown = err.toString(StandardCharsets.UTF_8);
    assertTrue(unknown.contains("Unknown option") && unknown.contains("'--duraton'")
        && unknown.contains("Possible solutions: --duration"), unknown);
    err.reset();
    assertEquals(2, run("--duration", "soon"));
    String duration = err.toString(StandardCharsets.UTF_8);
    assertTrue(duration.contains("'--duration'") && duration.contains("must be a duration like 90s"), duration);
    err.reset();
    assertEquals(2, run("--mqtt", "4"));
    String mqtt = err.toString(StandardCharsets.UTF_8);
    assertTrue(mqtt.contains("'--mqtt'") && mqtt.contains("must be 5 or 3.1.1"), mqtt);
    err.reset();
    assertEquals(2, run("--port", "70000"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port must be a whole number from 1 to 65535"));
    err.reset();
    assertEquals(2, run("--rate", "fast"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--rate'"));
  }

  @Test
  void validateReportsWhatTheScenarioDescribesOrWhereItIsWrong(@TempDir Path dir) throws Exception {
    assertEquals(0, run("--validate"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("30 kecamatan, 30 gateways"));
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"city\": \"bandung\",\n  \"kecamatan\": [{\"slug\": \"coblong\", \"sensors\": {\"cctv\": 1}}]\n}\n");
    assertEquals(2, run("--scenario", bad.toString(), "--validate"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("bad.json:3:") && e.contains("unknown sensor type 'cctv'"), e);
  }

  @Test
  void anUnreachableServerIsAClearErrorNotAStackTrace() {
    assertEquals(3, run("--port", "1", "--secret", "x", "--duration", "1s", "--quiet"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("cannot reach the MQTT server at localhost:1"), e);
  }
}
