package id.pantau.simulator.cli;

import id.pantau.simulator.backfill.Backfill;
import id.pantau.simulator.backfill.BackfillException;
import id.pantau.simulator.backfill.BackfillOptions;
import id.pantau.simulator.backfill.BackfillReport;
import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.load.Simulation;
import id.pantau.simulator.load.SimulationException;
import id.pantau.simulator.load.SimulationOptions;
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
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code pantau-simulator}: a city of gateways sending to a Pantau server, with honest
 * (open-loop) load, a progress line, a report in text, JSON and HTML, and an optional
 * check that every acknowledged reading was stored exactly once.
 *
 * <p>Exit codes: 0 done (and verified, when asked); 1 verification failed or messages were
 * rejected; 2 the command line or the scenario is wrong; 3 the run could not go on
 * (server unreachable, credentials refused; for {@code --backfill}: the database unreachable or
 * not set up, the city backfilled before, gateways connected).
 */
public final class SimulatorMain {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int CANNOT_RUN = 3;

  private SimulatorMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    SimulatorOptions o = new SimulatorOptions();
    CommandLine cl = Cli.of(o, out, err);
    try {
      OptionalInt done = Cli.parse(cl, args);
      if (done.isPresent()) {
        return done.getAsInt();
      }
      if (o.validate) {
        out.println(describe(ScenarioReader.load(o.scenario)));
        return OK;
      }
      if (o.backfill != null) {
        return backfill(o.toBackfillOptions(), out);
      }
      return simulate(o.toSimulationOptions(String.join(" ", args)), out);
    } catch (ParameterException e) {
      return Cli.report(e);
    } catch (ScenarioException e) {
      err.println("pantau-simulator: bad scenario: " + e.getMessage());
      return USAGE;
    } catch (SimulationException | BackfillException | IllegalArgumentException e) {
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

  private static int simulate(SimulationOptions options, PrintStream out)
      throws SimulationException, IOException, InterruptedException {
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
  }

  private static int backfill(BackfillOptions options, PrintStream out) throws BackfillException, ScenarioException {
    BackfillReport report = new Backfill(options, out).run();
    out.print(report.render());
    return OK;
  }

  static String describe(Scenario s) {
    StringBuilder b = new StringBuilder();
    b.append("scenario '").append(s.name()).append("' is valid: city ").append(s.city()).append(" (")
        .append(s.timezone()).append("), ").append(s.kecamatan().size()).append(" kecamatan, ")
        .append(s.gatewayCount()).append(" gateways, ").append(s.gauges().size()).append(" river gauges, ")
        .append(s.rainEvents().size()).append(" rain events, ").append(s.faults().size()).append(" faults\n");
    int sensors = s.gauges().size();
    for (Scenario.KecamatanSpec k : s.kecamatan()) {
      sensors += k.sensors().values().stream().mapToInt(Integer::intValue).sum();
    }
    b.append("  ").append(sensors).append(" sensors; a batch every ").append(s.batchEverySeconds())
        .append(" s per gateway; ").append(s.batchReadings()).append(" readings per message under --rate; ")
        .append(s.inflight()).append(" in flight; clock ").append(s.clockStart() == null ? "now" : s.clockStart())
        .append(" at ").append(s.speed()).append("x");
    s.faults().forEach(f -> b.append("\n  fault ").append(f.describe()));
    return b.toString();
  }
}
