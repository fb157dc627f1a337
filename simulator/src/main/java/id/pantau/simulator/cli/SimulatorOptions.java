package id.pantau.simulator.cli;

import id.pantau.simulator.backfill.BackfillOptions;
import id.pantau.simulator.load.SimulationOptions;
import id.pantau.simulator.mqtt.MqttVersion;
import id.pantau.simulator.scenario.ScenarioReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The simulator's command-line options, typed and checked, with their help text; picocli fills
 * them in. {@link #toSimulationOptions} checks what no single option can (ranges, pairs that
 * exclude each other) and says which option and why.
 */
@Command(name = "pantau-simulator", separator = " ", sortOptions = false, usageHelpWidth = 150,
    customSynopsis = "java -jar simulator/target/pantau-simulator.jar [options]",
    description = {
        "",
        "Simulates a city's kecamatan gateways publishing telemetry and complaints to a Pantau server",
        "over MQTT (protocol v1). Without --rate it sends at the scenario's natural pace (a batch every",
        "few seconds per gateway with what its sensors sampled); with --rate or --reading-rate it sends",
        "that many messages or readings per second in total, open-loop: each gateway follows its own",
        "schedule whatever the server does, and latency is measured from when each batch was due.",
        "",
        "Examples:",
        "  simulate Bandung for 10 minutes, a day in 24 minutes of model time:",
        "    --duration 10m --speed 60",
        "  load test, 50,000 readings/s in batches of 100, 30 s ramp-up, verify against the database:",
        "    --reading-rate 50000 --batch 100 --ramp-up 30s --duration 2m \\",
        "    --verify-db jdbc:postgresql://localhost:5432/pantau --verify-user pantau --verify-password ...",
        "  write a year of Bandung's history (rollups, complaints, alerts, instructions) into the server's database:",
        "    --backfill 365d --database-url jdbc:postgresql://localhost:PORT/postgres",
        "  check a scenario file without running it:",
        "    --scenario my-city.json --validate",
        "  complete options in bash or zsh:",
        "    alias pantau-simulator='java -jar simulator/target/pantau-simulator.jar'",
        "    source <(pantau-simulator --completion)"},
    optionListHeading = "%nOptions:%n",
    footer = {"", "Exit codes: 0 done (and verified, when asked); 1 verification failed or messages were rejected;",
        "2 the command line or the scenario is wrong; 3 the run could not go on (server unreachable, credentials refused)."})
final class SimulatorOptions {
  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost",
      description = "MQTT server to connect to (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "1883", description = "its MQTT port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--mqtt", paramLabel = "VERSION", defaultValue = "5", converter = MqttVersionConverter.class,
      description = "MQTT protocol version: 5 or 3.1.1 (default: ${DEFAULT-VALUE})")
  MqttVersion mqtt;

  @Option(names = "--scenario", paramLabel = "FILE|NAME", defaultValue = ScenarioReader.BUILT_IN,
      description = "scenario file (JSON), or a built-in scenario's name: bandung, bandung-faults (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--validate", description = "only read and check the scenario, print what it describes, and exit")
  boolean validate;

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "gateway secrets as the server wrote them (gateway,kecamatan,secret) (default: data/credentials/{city}-gateways.csv)")
  Path credentials;

  @Option(names = "--secret", paramLabel = "SECRET",
      description = "one secret for every gateway, instead of --credentials (test servers)")
  String secret;

  @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "how long to send (90s, 5m, 1h) (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--ramp-up", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
      description = "rise linearly to the full rate over this long (default: ${DEFAULT-VALUE})")
  Duration rampUp;

  @Option(names = "--rate", paramLabel = "MSG/S", description = "total telemetry messages per second over all gateways")
  Double rate;

  @Option(names = "--reading-rate", paramLabel = "READINGS/S",
      description = "total readings per second (messages/s = this / --batch)")
  Double readingRate;

  @Option(names = "--batch", paramLabel = "N",
      description = "readings per message under --rate or --reading-rate (default: the scenario's batch.readings)")
  Integer batch;

  @Option(names = "--inflight", paramLabel = "N",
      description = "unacknowledged batches each gateway may have (default: the scenario's inflight)")
  Integer inflight;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "random seed: the same seed repeats the same values and complaints (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--speed", paramLabel = "X",
      description = "model minutes per real minute (60: an hour a minute) (default: the scenario's clock.speed)")
  Double speed;

  @Option(names = "--clean-session", description = "connect with a clean session (default: persistent sessions)")
  boolean cleanSession;

  @Option(names = "--sensor-connections",
      description = "every sensor connects on its own as {city}.{kec}.gw{n} (connection-scale tests)")
  boolean sensorConnections;

  @Option(names = "--no-complaints", description = "send telemetry only")
  boolean noComplaints;

  @Option(names = "--connect-rate", paramLabel = "N", defaultValue = "500",
      description = "new connections per second while starting (default: ${DEFAULT-VALUE})")
  int connectRate;

  @Option(names = "--chaos-every", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "drop a random gateway's connection this often; every third time it restarts with a new boot")
  Duration chaosEvery;

  @Option(names = "--late-threshold", paramLabel = "DURATION", defaultValue = "5ms", converter = DurationConverter.class,
      description = "a send leaving later than this after its due time counts as late (default: ${DEFAULT-VALUE})")
  Duration lateThreshold;

  @Option(names = "--verify-db", paramLabel = "JDBC-URL",
      description = "after the run, compare acknowledged readings with this database: missing, duplicated, extra,"
          + " and flagged exactly where a scripted fault meant a reading implausible")
  String verifyDb;

  @Option(names = "--verify-user", paramLabel = "USER", defaultValue = "postgres",
      description = "database user for --verify-db (default: ${DEFAULT-VALUE})")
  String verifyUser;

  @Option(names = "--verify-password", paramLabel = "PASSWORD", defaultValue = "${env:PANTAU_VERIFY_PASSWORD:-}",
      description = "database password for --verify-db (default: the environment's PANTAU_VERIFY_PASSWORD, else none)")
  String verifyPassword;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "where report.txt, report.json and report.html go (default: reports/simulator-{date-time})")
  Path reportDir;

  @Option(names = "--backfill", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "instead of sending, write this much history (30d, 365d) into --database-url by COPY: minute rollups,"
          + " complaints with their lifecycles, alerts and instructions, ending where the city's data begins (else now)")
  Duration backfill;

  @Option(names = "--backfill-end", paramLabel = "TIME", converter = InstantConverter.class,
      description = "where the backfilled history ends, e.g. 2026-12-01T00:00+07:00 (default: where the city's data begins, else now)")
  Instant backfillEnd;

  @Option(names = "--database-url", paramLabel = "JDBC-URL",
      description = "the server's database for --backfill (the embedded one's URL is in the server's start-up log)")
  String databaseUrl;

  @Option(names = "--database-user", paramLabel = "USER", defaultValue = "postgres",
      description = "database user for --database-url (default: ${DEFAULT-VALUE})")
  String databaseUser;

  @Option(names = "--database-password", paramLabel = "PASSWORD", defaultValue = "${env:PANTAU_DATABASE_PASSWORD:-}",
      description = "database password for --database-url (default: the environment's PANTAU_DATABASE_PASSWORD, else none)")
  String databasePassword;

  @Option(names = "--quiet", description = "no progress line; only the final report")
  boolean quiet;

  @Option(names = Cli.COMPLETION, description = "print a bash/zsh completion script for pantau-simulator, and exit")
  boolean completion;

  @Option(names = "--help", usageHelp = true, description = "show this help")
  boolean help;

  SimulationOptions toSimulationOptions(String command) {
    if (rate != null && readingRate != null) {
      throw usage("give --rate (messages/s) or --reading-rate (readings/s), not both");
    }
    if (secret != null && credentials != null) {
      throw usage("give --credentials or --secret, not both");
    }
    Path reports = reportDir != null ? reportDir
        : Path.of("reports", "simulator-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    return new SimulationOptions(host, whole("port", port, 1, 65_535), mqtt, scenario, credentials, secret,
        positive("duration", DurationConverter.seconds(duration)), DurationConverter.seconds(rampUp),
        rate == null ? 0 : positive("rate", rate), readingRate == null ? 0 : positive("reading-rate", readingRate),
        batch == null ? 0 : whole("batch", batch, 1, 10_000), inflight == null ? 0 : whole("inflight", inflight, 1, 65_535),
        seed, speed == null ? 0 : positive("speed", speed), cleanSession, sensorConnections, !noComplaints,
        whole("connect-rate", connectRate, 1, 1_000_000),
        chaosEvery == null ? 0 : positive("chaos-every", DurationConverter.seconds(chaosEvery)),
        lateThreshold.toNanos() / 1e6, verifyDb, verifyUser, verifyPassword, reports, quiet,
        command.isEmpty() ? "pantau-simulator" : "pantau-simulator " + command);
  }

  BackfillOptions toBackfillOptions() {
    if (databaseUrl == null) {
      throw usage("--backfill needs --database-url: the server's database (the embedded one's URL is in the server's"
          + " start-up log: embedded PostgreSQL at jdbc:postgresql://localhost:PORT/postgres)");
    }
    if (backfill.compareTo(Duration.ofMinutes(1)) < 0 || backfill.compareTo(Duration.ofDays(3660)) > 0) {
      throw usage("--backfill must be from 1m to 3660d, is " + backfill.toMinutes() + " minutes");
    }
    if (backfillEnd != null && backfillEnd.isAfter(Instant.now())) {
      throw usage("--backfill-end must not be in the future (history has not happened yet), is " + backfillEnd);
    }
    return new BackfillOptions(backfill, databaseUrl, databaseUser, databasePassword, backfillEnd, seed, scenario, quiet);
  }

  private int whole(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw usage("--" + option + " must be a whole number from " + min + " to " + max + ", is " + value);
    }
    return value;
  }

  private double positive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw usage("--" + option + " must be above zero, is " + value);
    }
    return value;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** An instant with its offset (2026-12-01T00:00+07:00, 2026-12-01T00:00:00Z). */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("must be a time with its offset like 2026-12-01T00:00+07:00, is '" + text + "'");
      }
    }
  }

  /** "5" or "3.1.1", as protocol v1 allows. */
  static final class MqttVersionConverter implements ITypeConverter<MqttVersion> {
    @Override
    public MqttVersion convert(String text) {
      MqttVersion v = MqttVersion.parse(text);
      if (v == null) {
        throw new TypeConversionException("must be 5 or 3.1.1, is '" + text + "'");
      }
      return v;
    }
  }
}
