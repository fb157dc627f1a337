package id.pantau.benchmarks;

import id.pantau.simulator.cli.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The suite's options, typed and checked by picocli; {@code --help} explains each with its default. */
@Command(name = "pantau-benchmarks", separator = " ", sortOptions = false, usageHelpWidth = 120,
    headerHeading = "", header = {"Pantau benchmark suite: every figure beside a baseline measured in the same run.", ""},
    customSynopsis = "java -jar benchmarks/target/pantau-benchmarks.jar [suite] [options]",
    optionListHeading = "%nOptions:%n",
    footer = {"",
        "Steps: ingest (30 gateways, 100 readings/message, closed loop) against binary COPY into the",
        "same table from one connection; sizes (1, 100, 1,000 readings per message); mosquitto (the",
        "same client code and QoS against Debian's Mosquitto, storing nothing); knee (open-loop",
        "sweep through the simulator, PUBACK p99 at half the knee with every reading verified, and",
        "publish-to-queryable latency); connections (idle gateway connections held, server heap per",
        "connection; clients in a child JVM); pollers (open-loop HTTP pollers in a child JVM, one GET a",
        "second each at staggered times, /api/v1/kecamatan in identity and gzip beside /api/v1/health/live,",
        "while the simulator feeds live data; latency from the due time, bytes per screen per second and",
        "the client's own CPU); sse (SSE screens in a child JVM on the wall's subscription and, as the",
        "baseline, on whole views, identity and gzip, while the simulator feeds ingest: bytes and events per",
        "screen per second, delivery lag, server CPU per 1,000 screens, heap, database work per tick against",
        "no screen); mixed (open-loop pollers on /api/v1/kecamatan gzip beside /api/v1/health/live while as many",
        "SSE screens stream); rapor (a year of Bandung's complaints, alerts and hourly rollups by bulk",
        "SQL, the rapor of a month and of a year timed beside GET /api/v1/health; plain PostgreSQL only);",
        "hypertable (TimescaleDB only, with --database-url: days of realistic readings by COPY into the",
        "reading hypertable, the compression ratio after Pantau's",
        "compression policy ran, and dashboard queries timed uncompressed and compressed, alternating).",
        "",
        "Complete options in bash or zsh:",
        "  alias pantau-benchmarks='java -jar benchmarks/target/pantau-benchmarks.jar'",
        "  source <(pantau-benchmarks --completion)"})
final class SuiteOptions {
  static final List<String> STEPS = List.of("ingest", "sizes", "mosquitto", "knee", "connections", "pollers",
      "sse", "mixed", "rapor", "hypertable");
  /** The wall's usual subscription: the views it shows, as deltas once the stream sends them. */
  static final String WALL_QUERY = "?views=kecamatan,air,flood,alerts,ingest,complaints,quality&deltas=true";

  /** The two profiles by name. */
  enum ProfileName { quick, full }

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "suite", hidden = true, description = "the suite (the only command; optional)")
  String command;

  @Option(names = "--profile", paramLabel = "quick|full", defaultValue = "quick",
      description = "quick: about 10 minutes (3 without the sse and mixed steps), for 2-core machines; full: longer "
          + "steps, a finer sweep and 10k/20k/50k connections (default: ${DEFAULT-VALUE})")
  ProfileName profileName;

  @Option(names = "--p99-bound", paramLabel = "MS", defaultValue = "100",
      description = "the knee is the highest offered rate with PUBACK p99 under this (default: ${DEFAULT-VALUE})")
  double p99BoundMillis;

  @Option(names = "--out", paramLabel = "DIR",
      description = "where result.json and report.html go (default: reports/benchmarks-<time>)")
  Path out;

  @Option(names = "--compare", paramLabel = "FILE",
      description = "an earlier result.json: prints each ratio then and now, and flags one worse by more than the "
          + "tolerance as a regression")
  Path compare;

  @Option(names = "--tolerance", paramLabel = "X",
      description = "how much worse counts as a regression (default: 0.25 for quick, whose short steps vary that much"
          + " on a shared 2-core machine; 0.10 for full)")
  Double tolerance;

  @Option(names = "--skip", paramLabel = "STEP", split = ",",
      description = "leave out steps, comma-separated: ${COMPLETION-CANDIDATES}", completionCandidates = Steps.class)
  List<String> skip = List.of();

  @Option(names = "--connections", paramLabel = "N", split = ",",
      description = "connection counts to hold, comma-separated, instead of the profile's (quick: 2,000 and 5,000; "
          + "full: 10,000, 20,000, 50,000); each needs N + 2,000 open files")
  int[] connections;

  @Option(names = "--pollers", paramLabel = "N", split = ",", defaultValue = "200,1000",
      description = "polling screens for the pollers step, comma-separated (default: ${DEFAULT-VALUE})")
  int[] pollers;

  @Option(names = "--poller-seconds", paramLabel = "S", defaultValue = "15",
      description = "measured seconds per endpoint and poller count, after 5 s of warm-up (default: ${DEFAULT-VALUE})")
  int pollerSeconds;

  @Option(names = "--poller-ingest", paramLabel = "MSG/S", defaultValue = "20",
      description = "messages/s of 100 readings the simulator publishes during the pollers step, so the views change"
          + " as under live data (default: ${DEFAULT-VALUE}; 0: none)")
  double pollerIngest;

  @Option(names = "--sse", paramLabel = "N", split = ",", defaultValue = "1000,5000",
      description = "SSE screens for the sse step, comma-separated (default: ${DEFAULT-VALUE}); each needs N + 2,000"
          + " open files")
  int[] sse;

  @Option(names = "--sse-query", paramLabel = "QUERY", defaultValue = WALL_QUERY,
      description = "the query the sse and mixed steps' screens add to /api/v1/stream (default: ${DEFAULT-VALUE});"
          + " the whole-view stream is measured beside it; empty: whole views only")
  String sseQuery;

  @Option(names = "--sse-seconds", paramLabel = "S", defaultValue = "15",
      description = "measured seconds per SSE run, after 5 s of warm-up (default: ${DEFAULT-VALUE})")
  int sseSeconds;

  @Option(names = "--mixed", paramLabel = "N", defaultValue = "1000",
      description = "pollers, and as many SSE screens, in the mixed step (default: ${DEFAULT-VALUE})")
  int mixed;

  @Option(names = "--hypertable-days", paramLabel = "DAYS", defaultValue = "7",
      description = "days of readings the hypertable step writes and compresses (default: ${DEFAULT-VALUE})")
  int hypertableDays;

  @Option(names = "--hypertable-rounds", paramLabel = "N", defaultValue = "3",
      description = "uncompressed/compressed rounds of the hypertable step's queries (default: ${DEFAULT-VALUE})")
  int hypertableRounds;

  @Option(names = "--rapor-complaints-per-day", paramLabel = "N", defaultValue = "100",
      description = "complaints a day in the rapor step's year (default: ${DEFAULT-VALUE}, some 3,000 a month, Bandung's"
          + " volume; 2400 is the stress figure of 73,000 a month)")
  int raporComplaintsPerDay;

  @Mixin
  DatabaseOptions database;

  @Option(names = Cli.COMPLETION, description = "print a bash/zsh completion script for pantau-benchmarks, and exit")
  boolean completion;

  @Option(names = "--help", usageHelp = true, description = "show this help")
  boolean help;

  private Profile profile;
  private DatabaseTarget target;

  /** Checks what no single option can; call once after parsing. */
  SuiteOptions validate() {
    if (command != null && !command.equals("suite")) {
      throw usage("unexpected argument '" + command + "' (the only command is suite; options start with --)");
    }
    for (String s : skip) {
      if (!STEPS.contains(s)) {
        throw usage("--skip: unknown step '" + s + "' (steps: " + String.join(", ", STEPS) + ")");
      }
    }
    if (!(p99BoundMillis > 0)) {
      throw usage("--p99-bound must be above zero, is " + p99BoundMillis);
    }
    if (tolerance != null && !(tolerance >= 0)) {
      throw usage("--tolerance must be zero or more, is " + tolerance);
    }
    if (raporComplaintsPerDay < 1) {
      throw usage("--rapor-complaints-per-day must be positive, is " + raporComplaintsPerDay);
    }
    for (int n : pollers) {
      if (n < 1) {
        throw usage("--pollers takes counts like 200,1000, not " + n);
      }
    }
    if (pollerSeconds < 1 || !(pollerIngest >= 0)) {
      throw usage("--poller-seconds must be at least 1 and --poller-ingest zero or more");
    }
    for (int n : sse) {
      if (n < 1) {
        throw usage("--sse takes counts like 1000,5000, not " + n);
      }
    }
    if (!sseQuery.isEmpty() && !sseQuery.startsWith("?")) {
      throw usage("--sse-query must start with '?' (or be empty), is '" + sseQuery + "'");
    }
    if (sseSeconds < 1 || mixed < 1) {
      throw usage("--sse-seconds and --mixed must be 1 or more");
    }
    if (hypertableDays < 1 || hypertableRounds < 1) {
      throw usage("--hypertable-days and --hypertable-rounds must be 1 or more");
    }
    Profile p = profileName == ProfileName.full ? Profile.full() : Profile.quick();
    if (connections != null) {
      for (int n : connections) {
        if (n < 1) {
          throw usage("--connections takes counts like 10000,18000, not " + n);
        }
      }
      p = p.withConnections(connections);
    }
    profile = p;
    target = database.target();
    if (out == null) {
      out = Path.of("reports", "benchmarks-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    return this;
  }

  Profile profile() {
    return profile;
  }

  DatabaseTarget database() {
    return target;
  }

  int hypertableDays() {
    return hypertableDays;
  }

  int raporComplaintsPerDay() {
    return raporComplaintsPerDay;
  }

  int hypertableRounds() {
    return hypertableRounds;
  }

  Path out() {
    return out;
  }

  Path compare() {
    return compare;
  }

  double tolerance() {
    return tolerance != null ? tolerance : profile.tolerance();
  }

  double p99BoundMillis() {
    return p99BoundMillis;
  }

  boolean runs(String step) {
    return !skip.contains(step);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The step names, for help and completion. */
  static final class Steps implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return STEPS.iterator();
    }
  }

  /** How long each step runs: quick fits a 2-core machine in about three minutes; full is for a quiet machine. */
  record Profile(String name, Duration warmup, Duration duration, Duration sizeDuration, double[] sweepFractions,
                 Duration sweepStep, Duration halfKnee, int probes, int[] connections, double tolerance) {
    static Profile quick() {
      return new Profile("quick", Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(8),
          new double[] {0.25, 0.5, 0.75, 1.0, 1.25}, Duration.ofSeconds(6), Duration.ofSeconds(10), 50,
          new int[] {2_000, 5_000}, 0.25);
    }

    static Profile full() {
      return new Profile("full", Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(20),
          new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2}, Duration.ofSeconds(15),
          Duration.ofSeconds(30), 200, new int[] {10_000, 20_000, 50_000}, 0.10);
    }

    Profile withConnections(int[] counts) {
      return new Profile(name, warmup, duration, sizeDuration, sweepFractions, sweepStep, halfKnee, probes, counts,
          tolerance);
    }
  }
}
