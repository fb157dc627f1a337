package id.pantau.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Gateways publishing QoS 1 as fast as PUBACKs allow, each with a fixed window in flight:
 * the highest sustained rate a server takes from this client code. The same code runs against
 * Pantau and against Mosquitto, so the two are compared like for like.
 */
final class ClosedLoop {
  /** One client: its MQTT id (also its username) and the topic it publishes on. */
  record Client(String id, String topic) {
  }

  record Result(double readingsPerSecond, double messagesPerSecond, Histogram latency, long ackedReadings,
                long ackedMessages, double[] coresBusy) {
  }

  private ClosedLoop() {
  }

  static Result run(String host, int port, List<Client> clients, String password, int readingsPerMessage,
                    int inflight, Duration warmup, Duration duration) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<LoadGateway> gateways = new ArrayList<>();
      List<Future<Void>> started = new ArrayList<>();
      for (Client c : clients) {
        LoadGateway g = new LoadGateway(vertx, c.id(), password, c.topic(), readingsPerMessage, inflight);
        gateways.add(g);
        started.add(g.start(host, port));
      }
      Future.all(started).await();
      Thread.sleep(warmup.toMillis());
      gateways.forEach(g -> g.measure(true));
      ProcessCpu cpu = new ProcessCpu();
      long start = System.nanoTime();
      Thread.sleep(duration.toMillis());
      gateways.forEach(g -> g.measure(false));
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] cores = cpu.coresBusy();
      gateways.forEach(LoadGateway::stop);
      IngestBenchmark.awaitAllAcknowledged(gateways);
      Future.all(gateways.stream().map(LoadGateway::disconnect).toList()).await();
      Histogram latency = new Histogram(60_000_000_000L, 3);
      long readings = 0;
      long messages = 0;
      long totalReadings = 0;
      long totalMessages = 0;
      for (LoadGateway g : gateways) {
        latency.add(g.latency);
        readings += g.measuredReadings;
        messages += g.measuredMessages;
        totalReadings += g.ackedReadings;
        totalMessages += g.ackedMessages;
      }
      return new Result(readings / seconds, messages / seconds, latency, totalReadings, totalMessages, cores);
    } finally {
      vertx.close().await();
    }
  }
}
