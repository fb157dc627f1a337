package id.pantau.benchmarks;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto on a free loopback port, storing nothing (no persistence): the baseline
 * of what an MQTT broker does with the same messages.
 */
final class MosquittoBroker implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Process process;
  private final int port;
  private final Path config;

  private MosquittoBroker(Process process, int port, Path config) {
    this.process = process;
    this.port = port;
    this.config = config;
  }

  static MosquittoBroker start(int port) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IOException("the Mosquitto baseline needs " + BINARY + ": apt-get install mosquitto");
    }
    Path config = Files.createTempFile("mosquitto-bench", ".conf");
    Files.writeString(config, String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "max_inflight_messages 0",
        "max_queued_messages 100000",
        "log_dest none", ""));
    Process p = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return new MosquittoBroker(p, port, config);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IOException("mosquitto exited with " + p.exitValue() + " before listening on " + port);
        }
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IOException("mosquitto did not listen on " + port + " within 10 s");
  }

  int port() {
    return port;
  }

  String version() {
    try {
      Process v = new ProcessBuilder(BINARY.toString(), "-h").redirectErrorStream(true).start();
      String first = new String(v.getInputStream().readAllBytes()).lines().findFirst().orElse("mosquitto");
      v.waitFor(5, TimeUnit.SECONDS);
      return first.trim();
    } catch (IOException | InterruptedException e) {
      return "mosquitto";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(config);
  }
}
