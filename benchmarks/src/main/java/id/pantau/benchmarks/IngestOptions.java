package id.pantau.benchmarks;

import id.pantau.simulator.cli.Cli;
import id.pantau.simulator.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options of the end-to-end ingest benchmark, typed and checked by picocli; {@code --help} documents each. */
@Command(name = "pantau-ingest-benchmark", separator = " ", sortOptions = false, usageHelpWidth = 120,
    headerHeading = "", header = {
        "End-to-end ingest benchmark: K gateways publish QoS 1 telemetry batches as fast as",
        "PUBACKs allow into a Pantau server (in this JVM), then the same number of rows is",
        "written straight into the same table by binary COPY from one JDBC connection: the",
        "ceiling. Prints both, their ratio, PUBACK latency and a zero-loss check.", ""},
    customSynopsis = "java -cp benchmarks/target/pantau-benchmarks.jar id.pantau.benchmarks.IngestBenchmark [options]",
    optionListHeading = "%nOptions:%n")
final class IngestOptions {
  @Spec
  CommandSpec spec;

  @Option(names = "--gateways", paramLabel = "K", defaultValue = "30", description = "gateway connections (default: ${DEFAULT-VALUE})")
  int gateways;

  @Option(names = "--readings-per-message", paramLabel = "N", defaultValue = "100",
      description = "readings in each batch, at most 10000 (default: ${DEFAULT-VALUE})")
  int readingsPerMessage;

  @Option(names = "--inflight", paramLabel = "W", defaultValue = "32",
      description = "unacknowledged messages per gateway (default: ${DEFAULT-VALUE})")
  int inflight;

  @Option(names = "--warmup", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
      description = "warm-up before measuring, e.g. 5s (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "20s", converter = DurationConverter.class,
      description = "measured time, e.g. 30s or 2m (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--writers", paramLabel = "N", defaultValue = "2",
      description = "server writer threads (ingest.writers) (default: ${DEFAULT-VALUE})")
  int writers;

  @Mixin
  DatabaseOptions database;

  @Option(names = Cli.COMPLETION, description = "print a bash/zsh completion script, and exit")
  boolean completion;

  @Option(names = "--help", usageHelp = true, description = "show this help")
  boolean help;

  private DatabaseTarget target;

  /** Checks the ranges; call once after parsing. */
  IngestOptions validate() {
    positive("gateways", gateways);
    positive("readings-per-message", readingsPerMessage);
    positive("inflight", inflight);
    positive("writers", writers);
    if (readingsPerMessage > 10_000) {
      throw new ParameterException(spec.commandLine(), "--readings-per-message: the protocol allows at most 10000");
    }
    if (duration.isZero()) {
      throw new ParameterException(spec.commandLine(), "--duration must be above zero");
    }
    target = database.target();
    return this;
  }

  private void positive(String option, int value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), "--" + option + " must be a positive whole number, is " + value);
    }
  }

  int gateways() {
    return gateways;
  }

  int readingsPerMessage() {
    return readingsPerMessage;
  }

  int inflight() {
    return inflight;
  }

  Duration warmup() {
    return warmup;
  }

  Duration duration() {
    return duration;
  }

  int writers() {
    return writers;
  }

  DatabaseTarget database() {
    return target;
  }
}
