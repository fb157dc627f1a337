package id.pantau.benchmarks;

import java.io.PrintStream;

/**
 * The simulator publishing through every kecamatan's gateway ({@code {city}.{kec}.gw1}, 100
 * readings a message) at a fixed rate until closed, so that the views change as under live data
 * while screens read them. None at a rate of zero.
 */
final class IngestFeed implements AutoCloseable {
  private final Thread thread;

  private IngestFeed(Thread thread) {
    this.thread = thread;
  }

  static IngestFeed start(BenchmarkServer bench, double messagesPerSecond, PrintStream out) throws Exception {
    if (!(messagesPerSecond > 0)) {
      return new IngestFeed(null);
    }
    bench.createSimulatorGateways();
    KneeSweep simulator = new KneeSweep(bench.server().mqttPort(), BenchmarkServer.PASSWORD, 100, 8, 0, out);
    Thread t = new Thread(() -> {
      try {
        simulator.run(messagesPerSecond, 24 * 3600, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // asked to stop: the run closes its clients
      } catch (Exception e) {
        out.println("  ingest feed stopped: " + e.getMessage());
      }
    }, "benchmark-ingest-feed");
    t.setDaemon(true);
    t.start();
    return new IngestFeed(t);
  }

  @Override
  public void close() throws InterruptedException {
    if (thread != null) {
      thread.interrupt();
      thread.join(30_000);
    }
  }
}
