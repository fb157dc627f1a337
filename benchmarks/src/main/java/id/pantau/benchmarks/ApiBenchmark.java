package id.pantau.benchmarks;

import id.pantau.simulator.cli.Cli;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The dashboard API under many concurrent pollers while gateways keep ingesting, with a
 * trivial endpoint of the same server measured in the same run as the baseline.
 *
 * <p>{@code java -cp benchmarks/target/pantau-benchmarks.jar id.pantau.benchmarks.ApiBenchmark
 * [connections] [seconds]} (defaults 200 and 10). Needs wrk (Debian's package).
 */
public final class ApiBenchmark {
  private ApiBenchmark() {
  }

  /** {@code [connections] [seconds]}, typed and checked by picocli. */
  @Command(name = "pantau-api-benchmark", separator = " ", usageHelpWidth = 110,
      customSynopsis = "java -cp benchmarks/target/pantau-benchmarks.jar id.pantau.benchmarks.ApiBenchmark [CONNECTIONS] [SECONDS]",
      description = {"", "The dashboard API under many concurrent pollers while gateways keep ingesting, beside an in-memory",
          "endpoint of the same server as the baseline. Needs wrk (Debian's package).", ""})
  static final class Options {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONNECTIONS", defaultValue = "200",
        description = "concurrent HTTP connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SECONDS", defaultValue = "10",
        description = "seconds per endpoint (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    void check() {
      if (connections < 1 || seconds < 1) {
        throw new ParameterException(spec.commandLine(), "CONNECTIONS and SECONDS must be positive, are "
            + connections + " and " + seconds);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = new Options();
    Cli.parseOrExit(options, args, options::check);
    int connections = options.connections;
    int seconds = options.seconds;
    Wrk.requireInstalled();
    try (BenchmarkServer bench = new BenchmarkServer(2, 128, DatabaseTarget.EMBEDDED)) {
      Vertx clients = Vertx.vertx();
      List<LoadGateway> load = bench.startLoad(clients, bench.createGateways(30), 100, 4);
      Thread.sleep(5_000);
      String base = "http://127.0.0.1:" + bench.server().httpPort();
      // warm-up: every endpoint once, discarded, so the first measured is not the one the JIT meets first
      for (String path : List.of("/api/v1/health", "/api/v1/kecamatan", "/api/v1/complaints", "/api/v1/air",
          "/api/v1/series?metric=pm25&step=1h")) {
        Wrk.run("warm-up", base + path, connections, 3);
      }
      long readingsBefore = bench.server().metrics().storedReadings();
      long start = System.nanoTime();
      List<Wrk.Figures> figures = List.of(
          Wrk.run("GET /api/v1/health (baseline, in memory)", base + "/api/v1/health", connections, seconds),
          Wrk.run("GET /api/v1/kecamatan (snapshot, 200)", base + "/api/v1/kecamatan", connections, seconds),
          Wrk.run("GET /api/v1/complaints (snapshot, 200)", base + "/api/v1/complaints", connections, seconds),
          Wrk.run("GET /api/v1/air (snapshot, If-None-Match)", base + "/api/v1/air", connections, seconds,
              "If-None-Match: " + etag(base + "/api/v1/air")),
          Wrk.run("GET /api/v1/series?metric=pm25&step=1h", base + "/api/v1/series?metric=pm25&step=1h", connections, seconds));
      double ingestRate = (bench.server().metrics().storedReadings() - readingsBefore) / ((System.nanoTime() - start) / 1e9);
      load.forEach(LoadGateway::stop);
      IngestBenchmark.awaitAllAcknowledged(load);
      clients.close().await();
      print(connections, seconds, figures, ingestRate, bench.databaseVersion());
    }
  }

  private static String etag(String url) throws Exception {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding());
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private static void print(int connections, int seconds, List<Wrk.Figures> figures, double ingestRate, String postgres) {
    double baseline = figures.get(0).requestsPerSecond();
    System.out.println();
    System.out.println("== Pantau dashboard API under polling and ingest ==");
    System.out.printf("machine : %d cores, JDK %s, PostgreSQL %s; wrk -t2 -c%d -d%ds per endpoint, one after another%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), postgres, connections, seconds);
    System.out.printf("ingest  : %,.0f readings/s stored meanwhile (30 gateways, 100 readings/message, 4 in flight)%n",
        ingestRate);
    System.out.printf("%-45s %12s %10s %10s %8s %8s%n", "endpoint", "requests/s", "p50", "p99", "non-2xx", "ratio");
    for (Wrk.Figures f : figures) {
      System.out.printf("%-45s %,12.0f %10s %10s %8d %8.2f%n", f.name(), f.requestsPerSecond(), f.p50(), f.p99(),
          f.non2xx(), f.requestsPerSecond() / baseline);
    }
  }
}
