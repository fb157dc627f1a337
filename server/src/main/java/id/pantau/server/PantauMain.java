package id.pantau.server;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar pantau.jar [--config FILE] [--role all|ingest|api] [--print-config]}. */
public final class PantauMain {
  private static final Logger log = LoggerFactory.getLogger(PantauMain.class);

  private static final String HELP = """
      Pantau: command-center data aggregation server.

      Usage: java -jar pantau.jar [options]

        --config FILE     JSON configuration file; keys not given keep their defaults
                          (default: ./pantau.json when it exists)
        --role ROLE       all (MQTT ingest + dashboard API, the default), ingest or api
        --print-config    print the effective configuration (defaults + file + environment) and exit
        --help            this text

      With no database configured, an embedded PostgreSQL keeps its data in data/postgres.
      Production: set database.url, e.g. PANTAU_DATABASE_URL=jdbc:postgresql://db:5432/pantau
      with PANTAU_DATABASE_USER and PANTAU_DATABASE_PASSWORD.

      Every key can be set from the environment: mqtt.port is PANTAU_MQTT_PORT,
      ingest.maxFlushRows is PANTAU_INGEST_MAX_FLUSH_ROWS. Keys: docs/CONFIGURATION.md.

      Logs go to standard output: PANTAU_LOG_FORMAT=json writes one JSON object per line
      (for Loki, Elasticsearch, journald pipelines); PANTAU_LOG_LEVEL=DEBUG says more.
      """;

  private PantauMain() {
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("pantau: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      log.error("Pantau could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    Path file = Files.exists(Path.of("pantau.json")) ? Path.of("pantau.json") : null;
    String role = null;
    boolean printConfig = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          System.out.print(HELP);
          return;
        }
        case "--config" -> file = Path.of(value(args, ++i, "--config"));
        case "--role" -> role = value(args, ++i, "--role");
        case "--print-config" -> printConfig = true;
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' (see --help)");
      }
    }
    ConfigTree config = ConfigTree.load(defaults(), file, System.getenv());
    if (role != null) {
      config = config.with("role", role);
    }
    if (printConfig) {
      System.out.println(id.pantau.config.SecretMasking.masked(config.asJson()).encodePrettily());
      return;
    }
    PantauServer server = PantauServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "pantau-shutdown"));
    stopped.await();
  }

  public static JsonObject defaults() throws IOException {
    try (InputStream in = PantauMain.class.getResourceAsStream("/pantau-defaults.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value (see --help)");
    }
    return args[i];
  }
}
