package id.pantau.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  }

  @Test
  void wrongOptionsSayWhichAndWhy() {
    assertEquals(2, run("--rate", "100", "--reading-rate", "1000"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not both"));
    err.reset();
    assertEquals(2, run("--duraton", "5s"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --duraton"));
    err.reset();
    assertEquals(2, run("--duration", "soon"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--duration must be a duration like 90s"));
    err.reset();
    assertEquals(2, run("--mqtt", "4"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--mqtt must be 5 or 3.1.1"));
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
