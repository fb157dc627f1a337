package id.pantau.server.support;

import id.pantau.store.testing.SharedDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Pantau node in its own JVM (the shaded jar) on the shared test database, so that a test can
 * kill it with SIGKILL and start it again with the same configuration.
 */
public final class NodeProcess implements AutoCloseable {
  private final Path dir;
  private final Path config;
  private final Path log;
  private final int httpPort;
  private Process process;

  private NodeProcess(Path dir, Path config, Path log, int httpPort) {
    this.dir = dir;
    this.config = config;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** @param settings merged over the test defaults (database, ports, cheap hashing) */
  public static NodeProcess create(Path dir, String name, JsonObject settings) throws Exception {
    JsonObject database = new JsonObject().put("url", SharedDatabase.jdbcUrl()).put("user", SharedDatabase.user());
    if (SharedDatabase.password() != null) {
      database.put("password", SharedDatabase.password());
    }
    return create(dir, name, database, settings);
  }

  /** A node running its own embedded PostgreSQL, with its data in {@code dir/name-postgres}. */
  public static NodeProcess embedded(Path dir, String name, JsonObject settings) throws Exception {
    return create(dir, name, new JsonObject().put("embeddedDataDir", dir.resolve(name + "-postgres").toString()), settings);
  }

  private static NodeProcess create(Path dir, String name, JsonObject database, JsonObject settings) throws Exception {
    int httpPort = Ports.free();
    JsonObject c = new JsonObject()
        .put("node", new JsonObject().put("id", name))
        .put("mqtt", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", httpPort))
        .put("database", database)
        .put("security", new JsonObject().put("passwordIterations", 1000))
        .put("gateways", new JsonObject().put("provisionDefaults", false)
            .put("credentialsDir", dir.resolve(name + "-credentials").toString()))
        .mergeIn(settings, true);
    Path config = dir.resolve(name + ".json");
    Files.writeString(config, c.encodePrettily());
    return new NodeProcess(dir, config, dir.resolve(name + ".log"), httpPort);
  }

  /** Starts the JVM and waits (up to 60 s) for this line in its log. */
  public void startAndAwait(String logLine) throws Exception {
    Path jar = Path.of("target/pantau.jar");
    if (!Files.exists(jar)) {
      throw new AssertionError("target/pantau.jar is built by the package phase before integration tests");
    }
    long already = Files.exists(log) ? Files.readString(log).split(java.util.regex.Pattern.quote(logLine), -1).length - 1 : 0;
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-jar", jar.toAbsolutePath().toString(), "--config", config.toString())
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.split(java.util.regex.Pattern.quote(logLine), -1).length - 1 > already) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("node exited: " + text);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + logLine + "' within 60 s: " + Files.readString(log));
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** A Prometheus counter's value on this node (summed over its labels), 0 if absent. */
  public double metric(String name) throws Exception {
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  public int httpPort() {
    return httpPort;
  }

  /** SIGTERM, as systemd and Docker stop a service; waits for the exit and returns its code. */
  public int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  public String log() throws java.io.IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
