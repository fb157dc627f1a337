package id.pantau.simulator.cli;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.load.Simulation;
import id.pantau.simulator.load.SimulationException;
import id.pantau.simulator.load.SimulationOptions;
import id.pantau.simulator.mqtt.MqttVersion;
import id.pantau.simulator.report.HtmlReport;
import id.pantau.simulator.report.JsonReport;
import id.pantau.simulator.report.TextReport;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioException;
import id.pantau.simulator.scenario.ScenarioReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code pantau-simulator}: a city of gateways sending to a Pantau server, with honest
 * (open-loop) load, a progress line, a report in text, JSON and HTML, and an optional
 * check that every acknowledged reading was stored exactly once.
 *
 * <p>Exit codes: 0 done (and verified, when asked); 1 verification failed or messages were
 * rejected; 2 the command line or the scenario is wrong; 3 the run could not go on
 * (server unreachable, credentials refused).
 */
public final class SimulatorMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int CANNOT_RUN = 3;

  private static final String USAGE_TEXT = """
      Usage: java -jar simulator/target/pantau-simulator.jar [options]

      Simulates a city's kecamatan gateways publishing telemetry and complaints to a Pantau server
      over MQTT (protocol v1). Without --rate it sends at the scenario's natural pace (a batch every
      few seconds per gateway with what its sensors sampled); with --rate or --reading-rate it sends
      that many messages or readings per second in total, open-loop: each gateway follows its own
      schedule whatever the server does, and latency is measured from when each batch was due.

      Examples:
        simulate Bandung for 10 minutes, a day in 24 minutes of model time:
          --duration 10m --speed 60
        load test, 50,000 readings/s in batches of 100, 30 s ramp-up, verify against the database:
          --reading-rate 50000 --batch 100 --ramp-up 30s --duration 2m \\
          --verify-db jdbc:postgresql://localhost:5432/pantau --verify-user pantau --verify-password ...
        check a scenario file without running it:
          --scenario my-city.json --validate""";

  private static final List<Option> OPTIONS = List.of(
      new Option("host", "HOST", "localhost", "MQTT server to connect to"),
      new Option("port", "PORT", "1883", "its MQTT port"),
      new Option("mqtt", "VERSION", "5", "MQTT protocol version: 5 or 3.1.1"),
      new Option("scenario", "FILE|NAME", ScenarioReader.BUILT_IN, "scenario file (JSON), or a built-in scenario's name"),
      new Option("validate", null, null, "only read and check the scenario, print what it describes, and exit"),
      new Option("credentials", "FILE", "data/credentials/{city}-gateways.csv",
          "gateway secrets as the server wrote them (gateway,kecamatan,secret)"),
      new Option("secret", "SECRET", null, "one secret for every gateway, instead of --credentials (test servers)"),
      new Option("duration", "DURATION", "60s", "how long to send (90s, 5m, 1h)"),
      new Option("ramp-up", "DURATION", "0s", "rise linearly to the full rate over this long"),
      new Option("rate", "MSG/S", null, "total telemetry messages per second over all gateways"),
      new Option("reading-rate", "READINGS/S", null, "total readings per second (messages/s = this / --batch)"),
      new Option("batch", "N", "the scenario's batch.readings", "readings per message under --rate or --reading-rate"),
      new Option("inflight", "N", "the scenario's inflight", "unacknowledged batches each gateway may have"),
      new Option("seed", "N", "1", "random seed: the same seed repeats the same values and complaints"),
      new Option("speed", "X", "the scenario's clock.speed", "model minutes per real minute (60: an hour a minute)"),
      new Option("clean-session", null, null, "connect with a clean session (default: persistent sessions)"),
      new Option("sensor-connections", null, null,
          "every sensor connects on its own as {city}.{kec}.gw{n} (connection-scale tests)"),
      new Option("no-complaints", null, null, "send telemetry only"),
      new Option("connect-rate", "N", "500", "new connections per second while starting"),
      new Option("chaos-every", "DURATION", null,
          "drop a random gateway's connection this often; every third time it restarts with a new boot"),
      new Option("late-threshold", "DURATION", "5ms", "a send leaving later than this after its due time counts as late"),
      new Option("verify-db", "JDBC-URL", null,
          "after the run, compare acknowledged readings with this database: missing, duplicated, extra"),
      new Option("verify-user", "USER", "postgres", "database user for --verify-db"),
      new Option("verify-password", "PASSWORD", "", "database password for --verify-db (or PANTAU_VERIFY_PASSWORD)"),
      new Option("report-dir", "DIR", "reports/simulator-{date-time}", "where report.txt, report.json and report.html go"),
      new Option("quiet", null, null, "no progress line; only the final report"),
      new Option("help", null, null, "show this help"));

  private SimulatorMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(OPTIONS);
    try {
      cl.parse(args);
      if (cl.flag("help")) {
        out.println(cl.help(USAGE_TEXT));
        return OK;
      }
      if (cl.flag("validate")) {
        Scenario s = ScenarioReader.load(cl.get("scenario"));
        out.println(describe(s));
        return OK;
      }
      SimulationOptions options = options(cl, String.join(" ", args));
      RunResult result = new Simulation(options, out).run();
      String text = TextReport.render(result);
      out.println();
      out.print(text);
      Path dir = options.reportDir();
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("report.json"), JsonReport.render(result).encodePrettily(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("report.html"), HtmlReport.render(result), StandardCharsets.UTF_8);
      out.println("reports written to " + dir.toAbsolutePath() + "/report.{txt,json,html}");
      boolean verifiedBad = result.verification() != null && !result.verification().passed();
      return verifiedBad || result.rejectedMessages() > 0 ? FAILED : OK;
    } catch (UsageException e) {
      err.println("pantau-simulator: " + e.getMessage());
      return USAGE;
    } catch (ScenarioException e) {
      err.println("pantau-simulator: bad scenario: " + e.getMessage());
      return USAGE;
    } catch (SimulationException | IllegalArgumentException e) {
      err.println("pantau-simulator: " + e.getMessage());
      return CANNOT_RUN;
    } catch (IOException e) {
      err.println("pantau-simulator: cannot write the report: " + e.getMessage());
      return CANNOT_RUN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("pantau-simulator: interrupted");
      return CANNOT_RUN;
    }
  }

  static SimulationOptions options(CommandLine cl, String command) throws UsageException {
    MqttVersion version = MqttVersion.parse(cl.get("mqtt"));
    if (version == null) {
      throw new UsageException("--mqtt must be 5 or 3.1.1, is '" + cl.get("mqtt") + "'");
    }
    if (cl.has("rate") && cl.has("reading-rate")) {
      throw new UsageException("give --rate (messages/s) or --reading-rate (readings/s), not both");
    }
    if (cl.has("secret") && cl.has("credentials")) {
      throw new UsageException("give --credentials or --secret, not both");
    }
    String reportDir = cl.has("report-dir") ? cl.get("report-dir")
        : "reports/simulator-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String password = cl.has("verify-password") ? cl.get("verify-password")
        : System.getenv().getOrDefault("PANTAU_VERIFY_PASSWORD", "");
    return new SimulationOptions(
        cl.get("host"), integer(cl, "port", 1, 65_535), version, cl.get("scenario"),
        cl.has("credentials") ? Path.of(cl.get("credentials")) : null, cl.get("secret"),
        positive(cl, "duration", Durations.seconds("duration", cl.get("duration"))),
        Durations.seconds("ramp-up", cl.get("ramp-up")),
        cl.has("rate") ? positive(cl, "rate", number(cl, "rate")) : 0,
        cl.has("reading-rate") ? positive(cl, "reading-rate", number(cl, "reading-rate")) : 0,
        cl.has("batch") ? integer(cl, "batch", 1, 10_000) : 0,
        cl.has("inflight") ? integer(cl, "inflight", 1, 65_535) : 0,
        (long) number(cl, "seed"),
        cl.has("speed") ? positive(cl, "speed", number(cl, "speed")) : 0,
        cl.flag("clean-session"), cl.flag("sensor-connections"), !cl.flag("no-complaints"),
        integer(cl, "connect-rate", 1, 1_000_000),
        cl.has("chaos-every") ? positive(cl, "chaos-every", Durations.seconds("chaos-every", cl.get("chaos-every"))) : 0,
        Durations.seconds("late-threshold", cl.get("late-threshold")) * 1000,
        cl.get("verify-db"), cl.get("verify-user"), password,
        Path.of(reportDir), cl.flag("quiet"), command.isEmpty() ? "pantau-simulator" : "pantau-simulator " + command);
  }

  static String describe(Scenario s) {
    StringBuilder b = new StringBuilder();
    b.append("scenario '").append(s.name()).append("' is valid: city ").append(s.city()).append(" (")
        .append(s.timezone()).append("), ").append(s.kecamatan().size()).append(" kecamatan, ")
        .append(s.gatewayCount()).append(" gateways, ").append(s.gauges().size()).append(" river gauges, ")
        .append(s.rainEvents().size()).append(" rain events\n");
    int sensors = s.gauges().size();
    for (Scenario.KecamatanSpec k : s.kecamatan()) {
      sensors += k.sensors().values().stream().mapToInt(Integer::intValue).sum();
    }
    b.append("  ").append(sensors).append(" sensors; a batch every ").append(s.batchEverySeconds())
        .append(" s per gateway; ").append(s.batchReadings()).append(" readings per message under --rate; ")
        .append(s.inflight()).append(" in flight; clock ").append(s.clockStart() == null ? "now" : s.clockStart())
        .append(" at ").append(s.speed()).append("x");
    return b.toString();
  }

  private static double number(CommandLine cl, String name) throws UsageException {
    try {
      return Double.parseDouble(cl.get(name));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, is '" + cl.get(name) + "'");
    }
  }

  private static int integer(CommandLine cl, String name, int min, int max) throws UsageException {
    double v = number(cl, name);
    if (v != Math.rint(v) || v < min || v > max) {
      throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", is '" + cl.get(name) + "'");
    }
    return (int) v;
  }

  private static double positive(CommandLine cl, String name, double v) throws UsageException {
    if (!(v > 0)) {
      throw new UsageException("--" + name + " must be above zero, is '" + cl.get(name) + "'");
    }
    return v;
  }
}
