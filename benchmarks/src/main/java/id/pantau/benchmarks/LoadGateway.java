package id.pantau.benchmarks;

import id.pantau.wire.BatchId;
import id.pantau.wire.Metric;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryEncoder;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One benchmark gateway: keeps {@code inflight} QoS 1 telemetry batches unacknowledged, and
 * sends the next as each PUBACK arrives (closed loop: as fast as acknowledgements allow).
 * Runs on its client's event loop, so its counters need no locks; read them after stop.
 */
final class LoadGateway {
  private static final Metric[] METRICS = {Metric.PM25, Metric.PM10, Metric.NOISE_DB, Metric.TEMPERATURE_C};

  private final String gatewayId;
  private final String topic;
  private final int readingsPerMessage;
  private final int inflight;
  private final MqttClient client;
  private final long boot = System.currentTimeMillis() / 1000;
  private final Map<Integer, Long> sentAt = new HashMap<>();
  final Histogram latency = new Histogram(60_000_000_000L, 3);
  private long seq;
  private long tsCursor = System.currentTimeMillis() - 60_000;
  private volatile boolean measuring;
  private volatile boolean stopping;
  long ackedMessages;
  long ackedReadings;
  long measuredMessages;
  long measuredReadings;

  LoadGateway(Vertx vertx, String gatewayId, String password, String topic, int readingsPerMessage, int inflight) {
    this.gatewayId = gatewayId;
    this.topic = topic;
    this.readingsPerMessage = readingsPerMessage;
    this.inflight = inflight;
    this.client = MqttClient.create(vertx, new MqttClientOptions()
        .setClientId(gatewayId).setUsername(gatewayId).setPassword(password)
        .setMaxInflightQueue(inflight).setAutoKeepAlive(true).setCleanSession(true));
  }

  Future<Void> start(String host, int port) {
    return client.connect(port, host).map(ack -> {
      client.publishCompletionHandler(this::onAck);
      for (int i = 0; i < inflight; i++) {
        sendNext();
      }
      return null;
    });
  }

  void measure(boolean on) {
    measuring = on;
  }

  /** Stops sending; what is in flight is still acknowledged. */
  void stop() {
    stopping = true;
  }

  int inFlight() {
    return sentAt.size();
  }

  Future<Void> disconnect() {
    return client.disconnect();
  }

  private void sendNext() {
    if (stopping) {
      return;
    }
    byte[] payload = TelemetryEncoder.encode(nextBatch());
    long now = System.nanoTime();
    client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
        .onSuccess(id -> sentAt.put(id, now))
        .onFailure(e -> System.err.println("gateway " + gatewayId + " publish failed: " + e));
  }

  private TelemetryBatch nextBatch() {
    TelemetryBatch.Builder b = TelemetryBatch.builder(readingsPerMessage);
    for (int i = 0; i < readingsPerMessage; i++) {
      // 25 sensors per gateway, 4 metrics; distinct timestamps keep every reading distinct
      Metric metric = METRICS[i % METRICS.length];
      b.add(gatewayId + "-s" + (i % 25), metric, tsCursor++, typical(metric) + (i * 7 + seq) % 10);
    }
    if (tsCursor > System.currentTimeMillis() + 60_000) {
      tsCursor = System.currentTimeMillis() - 60_000;
    }
    return b.build(new BatchId(gatewayId, boot, ++seq));
  }

  /** Values in an ordinary range: benchmark load must not look like a city on fire to the alert rules. */
  private static double typical(Metric metric) {
    return switch (metric) {
      case PM25 -> 30;
      case PM10 -> 50;
      case NOISE_DB -> 60;
      default -> 25;
    };
  }

  private void onAck(int packetId) {
    Long sent = sentAt.remove(packetId);
    if (sent == null) {
      return;
    }
    ackedMessages++;
    ackedReadings += readingsPerMessage;
    if (measuring) {
      latency.recordValue(Math.max(1, System.nanoTime() - sent));
      measuredMessages++;
      measuredReadings += readingsPerMessage;
    }
    sendNext();
  }
}
