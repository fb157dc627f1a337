package id.pantau.benchmarks;

import java.time.Duration;

/** Options of the end-to-end ingest benchmark; {@link #HELP} documents each with its default. */
record IngestOptions(int gateways, int readingsPerMessage, int inflight, Duration warmup, Duration duration,
                     String jdbcUrl, String jdbcUser, String jdbcPassword, int writers) {

  static final String HELP = """
      End-to-end ingest benchmark: K gateways publish QoS 1 telemetry batches as fast as
      PUBACKs allow into a Pantau server (in this JVM), then the same number of rows is
      written straight into the same table by binary COPY from one JDBC connection: the
      ceiling. Prints both, their ratio, PUBACK latency and a zero-loss check.

      Usage: java -cp benchmarks/target/pantau-benchmarks.jar id.pantau.benchmarks.IngestBenchmark [options]

        --gateways K             gateway connections                         (default 30)
        --readings-per-message N readings in each batch                      (default 100)
        --inflight W             unacknowledged messages per gateway         (default 32)
        --warmup D               warm-up before measuring, e.g. 5s           (default 5s)
        --duration D             measured time, e.g. 30s                     (default 20s)
        --writers N              server writer threads (ingest.writers)      (default 2)
        --jdbc-url URL           a DEDICATED PostgreSQL/TimescaleDB database; its Pantau
                                 tables are truncated (default: embedded, in a temp folder)
        --jdbc-user U, --jdbc-password P
        --help
      """;

  static IngestOptions parse(String[] args) {
    int gateways = 30;
    int readings = 100;
    int inflight = 32;
    Duration warmup = Duration.ofSeconds(5);
    Duration duration = Duration.ofSeconds(20);
    String url = null;
    String user = null;
    String password = null;
    int writers = 2;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--gateways" -> gateways = positive(a, value(args, ++i, a));
        case "--readings-per-message" -> readings = positive(a, value(args, ++i, a));
        case "--inflight" -> inflight = positive(a, value(args, ++i, a));
        case "--warmup" -> warmup = duration(a, value(args, ++i, a));
        case "--duration" -> duration = duration(a, value(args, ++i, a));
        case "--writers" -> writers = positive(a, value(args, ++i, a));
        case "--jdbc-url" -> url = value(args, ++i, a);
        case "--jdbc-user" -> user = value(args, ++i, a);
        case "--jdbc-password" -> password = value(args, ++i, a);
        default -> throw new IllegalArgumentException("unknown option '" + a + "' (see --help)");
      }
    }
    if (readings > 10_000) {
      throw new IllegalArgumentException("--readings-per-message: the protocol allows at most 10000");
    }
    return new IngestOptions(gateways, readings, inflight, warmup, duration, url, user, password, writers);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String option, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(option + " must be a positive whole number, is '" + v + "'");
  }

  private static Duration duration(String option, String v) {
    if (v.matches("\\d+s")) {
      return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
    }
    if (v.matches("\\d+m")) {
      return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
    }
    throw new IllegalArgumentException(option + " must be like 30s or 2m, is '" + v + "'");
  }
}
