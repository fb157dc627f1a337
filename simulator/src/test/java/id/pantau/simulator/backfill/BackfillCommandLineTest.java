package id.pantau.simulator.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.simulator.cli.SimulatorMainAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --backfill} on the command line: what it needs, and one clear line when it cannot run. */
class BackfillCommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulatorMainAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpShowsTheBackfillAndItsDatabase() {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--backfill DURATION") && help.contains("--database-url JDBC-URL")
        && help.contains("--backfill 365d --database-url"), help);
  }

  @Test
  void aBackfillNeedsTheDatabaseUrlAndSaysWhereToFindIt() {
    assertEquals(2, run("--backfill", "30d"));
    assertTrue(errors().contains("--backfill needs --database-url") && errors().contains("start-up log"), errors());
  }

  @Test
  void wrongSpansAndEndsSayWhy() {
    assertEquals(2, run("--backfill", "30s", "--database-url", "jdbc:postgresql://localhost:1/x"));
    assertTrue(errors().contains("--backfill must be from 1m to 3660d"), errors());
    err.reset();
    assertEquals(2, run("--backfill", "30d", "--backfill-end", "yesterday", "--database-url", "jdbc:postgresql://localhost:1/x"));
    assertTrue(errors().contains("'--backfill-end'") && errors().contains("2026-12-01T00:00+07:00"), errors());
    err.reset();
    assertEquals(2, run("--backfill", "30d", "--backfill-end", "2999-01-01T00:00Z", "--database-url", "jdbc:postgresql://localhost:1/x"));
    assertTrue(errors().contains("--backfill-end must not be in the future"), errors());
  }

  @Test
  void anUnreachableDatabaseIsOneLineAndNothingWritten() {
    assertEquals(3, run("--backfill", "1d", "--database-url", "jdbc:postgresql://127.0.0.1:1/pantau"));
    assertTrue(errors().startsWith("pantau-simulator: database jdbc:postgresql://127.0.0.1:1/pantau: ")
        && errors().contains("nothing was written") && !errors().contains("\tat "), errors());
  }
}
