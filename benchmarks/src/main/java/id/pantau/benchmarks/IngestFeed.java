package id.pantau.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The simulator publishing through every kecamatan's gateway ({@code {city}.{kec}.gw1}, 100
 * readings a message) at a fixed rate until closed, so that the views change as under live data
 * while screens read them. None at a rate of zero.
 *
 * <p>It runs in a JVM of its own ({@link #main}), as a city's gateways would, so that the server
 * JVM's CPU, heap and collections are the server's alone (in the server's JVM, the feed's garbage
 * was collected in the server's pauses; docs/BENCHMARKS.md, the mixed step).
 */
final class IngestFeed implements AutoCloseable {
  private final Process child;
  private final Thread echo;

  private IngestFeed(Process child, Thread echo) {
    this.child = child;
    this.echo = echo;
  }

  static IngestFeed start(BenchmarkServer bench, double messagesPerSecond, PrintStream out) throws Exception {
    if (!(messagesPerSecond > 0)) {
      return new IngestFeed(null, null);
    }
    bench.createSimulatorGateways();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx512m", "-Dio.netty.jfr.enabled=false", "-cp",
        System.getProperty("java.class.path"), IngestFeed.class.getName(), String.valueOf(bench.server().mqttPort()),
        String.valueOf(messagesPerSecond)).redirectErrorStream(true).start();
    Thread echo = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          out.println("  ingest feed: " + line);
        }
      } catch (java.io.IOException e) {
        // the child is gone: its exit is reported by close()
      }
    }, "benchmark-ingest-feed-output");
    echo.setDaemon(true);
    echo.start();
    return new IngestFeed(child, echo);
  }

  @Override
  public void close() throws InterruptedException {
    if (child == null) {
      return;
    }
    child.destroy(); // SIGTERM: its gateways' connections drop, as a real gateway's would
    if (!child.waitFor(30, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    echo.join(5_000);
  }

  /** The feed's own JVM: {@code IngestFeed MQTT_PORT MESSAGES_PER_SECOND}, publishing until killed. */
  public static void main(String[] args) throws Exception {
    KneeSweep simulator = new KneeSweep(Integer.parseInt(args[0]), BenchmarkServer.PASSWORD, 100, 8, 0, System.out);
    simulator.run(Double.parseDouble(args[1]), 24 * 3600, null);
  }
}
