package id.pantau.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The suite's options; {@link #HELP} explains each with its default. */
record SuiteOptions(Profile profile, String jdbcUrl, String jdbcUser, String jdbcPassword, Path out, Path compare,
                    double tolerance, double p99BoundMillis, List<String> skip) {

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

  static final List<String> STEPS = List.of("ingest", "sizes", "mosquitto", "knee", "connections");

  static final String HELP = """
      Pantau benchmark suite: every figure beside a baseline measured in the same run.

      Usage: java -jar benchmarks/target/pantau-benchmarks.jar suite [options]

        --profile quick|full   quick: about 3 minutes, for 2-core machines; full: longer steps,
                               a finer sweep and 10k/20k/50k connections   (default quick)
        --p99-bound MS         the knee is the highest offered rate with PUBACK p99 under this
                                                                           (default 100)
        --out DIR              where result.json and report.html go   (default reports/benchmarks-<time>)
        --compare FILE         an earlier result.json: prints each ratio then and now, and flags
                               one worse by more than the tolerance as a regression
        --tolerance X          how much worse counts as a regression (default: 0.25 for quick,
                               whose short steps vary that much on a shared 2-core machine;
                               0.10 for full)
        --skip STEP,...        leave out steps: ingest, sizes, mosquitto, knee, connections
        --connections N,...    connection counts to hold, instead of the profile's (quick: 2,000 and
                               5,000; full: 10,000, 20,000, 50,000); each needs N + 2,000 open files
        --jdbc-url URL         a DEDICATED PostgreSQL/TimescaleDB database (its Pantau tables are
                               truncated); default: embedded PostgreSQL in a temporary folder
        --jdbc-user U, --jdbc-password P
        --help

      Steps: ingest (30 gateways, 100 readings/message, closed loop) against binary COPY into the
      same table from one connection; sizes (1, 100, 1,000 readings per message); mosquitto (the
      same client code and QoS against Debian's Mosquitto, storing nothing); knee (open-loop
      sweep through the simulator, PUBACK p99 at half the knee with every reading verified, and
      publish-to-queryable latency); connections (idle gateway connections held, server heap per
      connection; clients in a child JVM).
      """;

  static SuiteOptions parse(String[] args) {
    Profile profile = Profile.quick();
    String url = null;
    String user = null;
    String password = null;
    Path out = Path.of("reports", "benchmarks-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path compare = null;
    double bound = 100;
    Double tolerance = null;
    List<String> skip = List.of();
    int[] connections = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "suite" -> {
          continue;
        }
        case "--profile" -> profile = switch (need(a, v)) {
          case "quick" -> Profile.quick();
          case "full" -> Profile.full();
          default -> throw new IllegalArgumentException("--profile must be quick or full, is '" + v + "'");
        };
        case "--p99-bound" -> bound = Double.parseDouble(need(a, v));
        case "--tolerance" -> tolerance = Double.parseDouble(need(a, v));
        case "--out" -> out = Path.of(need(a, v));
        case "--compare" -> compare = Path.of(need(a, v));
        case "--skip" -> {
          skip = List.of(need(a, v).split(","));
          for (String s : skip) {
            if (!STEPS.contains(s)) {
              throw new IllegalArgumentException("--skip: unknown step '" + s + "' (steps: " + String.join(", ", STEPS) + ")");
            }
          }
        }
        case "--connections" -> {
          try {
            connections = java.util.Arrays.stream(need(a, v).split(",")).mapToInt(s -> Integer.parseInt(s.strip()))
                .toArray();
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--connections takes counts like 10000,18000, not '" + v + "'");
          }
        }
        case "--jdbc-url" -> url = need(a, v);
        case "--jdbc-user" -> user = need(a, v);
        case "--jdbc-password" -> password = need(a, v);
        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
      }
      i++;
    }
    if (connections != null) {
      profile = profile.withConnections(connections);
    }
    return new SuiteOptions(profile, url, user, password, out, compare,
        tolerance != null ? tolerance : profile.tolerance(), bound, skip);
  }

  boolean runs(String step) {
    return !skip.contains(step);
  }

  private static String need(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
