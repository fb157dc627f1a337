package id.pantau.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.simulator.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The benchmarks' command lines: typed options, the external database, and clear refusals (exit code 2). */
class SuiteOptionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Parses and checks like {@code main}; returns the exit code, or -1 when the suite would run. */
  private int parse(Object options, Runnable check, String... args) {
    CommandLine cl = Cli.of(options, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    OptionalInt done = Cli.parse(cl, args);
    if (done.isPresent()) {
      return done.getAsInt();
    }
    try {
      check.run();
      return -1;
    } catch (ParameterException e) {
      return Cli.report(e);
    }
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutOptionsTheSuiteRunsTheQuickProfileOnAnEmbeddedDatabase() {
    SuiteOptions o = new SuiteOptions();
    assertEquals(-1, parse(o, o::validate, "suite"));
    assertEquals("quick", o.profile().name());
    assertEquals(0.25, o.tolerance());
    assertEquals(100, o.p99BoundMillis());
    assertFalse(o.database().external());
    assertTrue(o.runs("knee"));
    assertTrue(o.out().toString().startsWith("reports/benchmarks-"));
  }

  @Test
  void anExternalDatabaseByUrlUserAndPassword() {
    SuiteOptions o = new SuiteOptions();
    assertEquals(-1, parse(o, o::validate, "--profile", "full", "--database-url", "jdbc:postgresql://db:5432/bench",
        "--database-user", "bench", "--database-password", "s3cret", "--skip", "mosquitto,connections",
        "--connections", "10000,18000"));
    assertEquals(new DatabaseTarget("jdbc:postgresql://db:5432/bench", "bench", "s3cret"), o.database());
    assertEquals("full", o.profile().name());
    assertEquals(0.10, o.tolerance());
    assertFalse(o.runs("mosquitto"));
    assertArrayEquals(new int[] {10_000, 18_000}, o.profile().connections());
    assertTrue(o.runs("hypertable"));
    assertEquals(7, o.hypertableDays());
    assertEquals(3, o.hypertableRounds());

    SuiteOptions history = new SuiteOptions();
    assertEquals(-1, parse(history, history::validate, "--hypertable-days", "3", "--hypertable-rounds", "5"));
    assertEquals(3, history.hypertableDays());
    assertEquals(5, history.hypertableRounds());

    SuiteOptions older = new SuiteOptions();
    assertEquals(-1, parse(older, older::validate, "--jdbc-url", "jdbc:postgresql://db/bench", "--jdbc-user", "u"));
    assertEquals(new DatabaseTarget("jdbc:postgresql://db/bench", "u", null), older.database(), "the older names still work");
  }

  @Test
  void theScreensStepsMeasureTheWallsSubscriptionAtAThousandAndFiveThousandUnlessToldOtherwise() {
    SuiteOptions o = new SuiteOptions();
    assertEquals(-1, parse(o, o::validate));
    assertArrayEquals(new int[] {1_000, 5_000}, o.sse);
    assertEquals("?views=kecamatan,air,flood,alerts,ingest,complaints,quality&deltas=true", o.sseQuery);
    assertEquals(15, o.sseSeconds);
    assertEquals(1_000, o.mixed);
    assertTrue(o.runs("sse") && o.runs("mixed"));

    SuiteOptions small = new SuiteOptions();
    assertEquals(-1, parse(small, small::validate, "--sse", "200,1000", "--sse-query", "", "--sse-seconds", "5",
        "--mixed", "300", "--skip", "sse"));
    assertArrayEquals(new int[] {200, 1_000}, small.sse);
    assertEquals("", small.sseQuery, "empty: whole views only");
    assertEquals(5, small.sseSeconds);
    assertEquals(300, small.mixed);
    assertFalse(small.runs("sse"));
    assertTrue(small.runs("mixed"));

    SuiteOptions zero = new SuiteOptions();
    assertEquals(2, parse(zero, zero::validate, "--sse", "1000,0"));
    assertTrue(errors().contains("--sse takes counts like 1000,5000, not 0"), errors());
    err.reset();
    SuiteOptions query = new SuiteOptions();
    assertEquals(2, parse(query, query::validate, "--sse-query", "views=air"));
    assertTrue(errors().contains("--sse-query must start with '?'"), errors());
  }

  @Test
  void badValuesAreRefusedSayingWhichOptionAndWhy() {
    SuiteOptions o = new SuiteOptions();
    assertEquals(2, parse(o, o::validate, "--profile", "medium"));
    assertTrue(errors().contains("--profile") && errors().contains("quick, full"), errors());
    err.reset();
    SuiteOptions skip = new SuiteOptions();
    assertEquals(2, parse(skip, skip::validate, "--skip", "ingest,warp"));
    assertTrue(errors().contains("unknown step 'warp'"), errors());
    err.reset();
    SuiteOptions user = new SuiteOptions();
    assertEquals(2, parse(user, user::validate, "--database-user", "bench"));
    assertTrue(errors().contains("need --database-url"), errors());
    err.reset();
    SuiteOptions url = new SuiteOptions();
    assertEquals(2, parse(url, url::validate, "--database-url", "postgres://db/bench"));
    assertTrue(errors().contains("must be a PostgreSQL JDBC URL"), errors());
    err.reset();
    SuiteOptions days = new SuiteOptions();
    assertEquals(2, parse(days, days::validate, "--hypertable-days", "0"));
    assertTrue(errors().contains("--hypertable-days and --hypertable-rounds must be 1 or more"), errors());
    err.reset();
    SuiteOptions typo = new SuiteOptions();
    assertEquals(2, parse(typo, typo::validate, "--profil", "full"));
    assertTrue(errors().contains("Possible solutions: --profile"), errors());
  }

  @Test
  void helpKeepsEveryOptionWithItsMeaningAndDefault() {
    SuiteOptions o = new SuiteOptions();
    assertEquals(0, parse(o, o::validate, "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String option : new String[] {"--profile quick|full", "--p99-bound MS", "--out DIR", "--compare FILE",
        "--tolerance X", "--skip STEP", "--connections N", "--hypertable-days DAYS", "--hypertable-rounds N",
        "--sse N", "--sse-query QUERY", "--sse-seconds S", "--mixed N",
        "--database-url URL", "--database-user USER",
        "--database-password PASSWORD", "--jdbc-url", "--jdbc-user", "--jdbc-password", "--help"}) {
      assertTrue(help.contains(option), option + " in " + help);
    }
    assertTrue(help.contains("(default: quick)") && help.contains("Steps: ingest")
        && help.contains("hypertable (TimescaleDB only"), help);
  }

  @Test
  void theIngestBenchmarkReadsDurationsAndRefusesOversizedBatches() {
    IngestOptions o = new IngestOptions();
    assertEquals(-1, parse(o, o::validate, "--duration", "2m", "--warmup", "500ms", "--gateways", "10"));
    assertEquals(Duration.ofMinutes(2), o.duration());
    assertEquals(Duration.ofMillis(500), o.warmup());
    assertEquals(10, o.gateways());
    assertEquals(100, o.readingsPerMessage());
    IngestOptions big = new IngestOptions();
    assertEquals(2, parse(big, big::validate, "--readings-per-message", "20000"));
    assertTrue(errors().contains("at most 10000"), errors());
    err.reset();
    IngestOptions zero = new IngestOptions();
    assertEquals(2, parse(zero, zero::validate, "--gateways", "0"));
    assertTrue(errors().contains("--gateways must be a positive whole number"), errors());
  }
}
