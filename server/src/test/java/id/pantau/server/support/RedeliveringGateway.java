package id.pantau.server.support;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway as the protocol expects one to behave across server failures: it keeps every
 * batch until its PUBACK, reconnects when the connection drops, and redelivers the
 * unacknowledged batches with their original (boot, seq). Runs on one Vert.x context.
 */
public final class RedeliveringGateway {
  private final Vertx vertx;
  private final String id;
  private final String password;
  private final String topic;
  private final int port;
  private final long boot = System.currentTimeMillis();
  private final SortedMap<Long, byte[]> unacknowledged = new TreeMap<>();
  private final Map<Integer, Long> seqByPacket = new ConcurrentHashMap<>();
  private final Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
  private MqttClient client;
  private long nextSeq = 1;
  private volatile boolean publishing = true;
  private boolean reconnecting;
  private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

  public RedeliveringGateway(Vertx vertx, String id, String password, String kecamatan, int port) {
    this.vertx = vertx;
    this.id = id;
    this.password = password;
    this.topic = Payloads.topic("bandung", kecamatan, "telemetry");
    this.port = port;
  }

  public void start() {
    vertx.runOnContext(v -> connect());
    vertx.setPeriodic(20, t -> publishNext());
  }

  public void stopPublishing() {
    publishing = false;
  }

  /** Stops publishing and waits (up to 60 s) until every gateway has all its batches acknowledged. */
  public static void stopAndAwaitAcknowledged(java.util.List<RedeliveringGateway> gateways) throws InterruptedException {
    gateways.forEach(RedeliveringGateway::stopPublishing);
    long deadline = System.currentTimeMillis() + 60_000;
    while (gateways.stream().anyMatch(g -> g.unacknowledgedCount() > 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    for (RedeliveringGateway g : gateways) {
      if (g.unacknowledgedCount() > 0) {
        throw new AssertionError(g.id() + " still has " + g.unacknowledgedCount() + " unacknowledged batches after 60 s");
      }
    }
  }

  /** Batches acknowledged so far by all these gateways. */
  public static long acknowledgedBatches(java.util.List<RedeliveringGateway> gateways) {
    return gateways.stream().mapToLong(g -> g.acknowledged().size()).sum();
  }

  /** Batches acknowledged so far, by seq, with their reading counts. */
  public Map<Long, Integer> acknowledged() {
    return acknowledged;
  }

  /** Successful connections so far: 1 means the connection was never dropped. */
  public int connections() {
    return connections.get();
  }

  public synchronized int unacknowledgedCount() {
    return unacknowledged.size();
  }

  public String id() {
    return id;
  }

  private synchronized void connect() {
    MqttClient c = MqttClient.create(vertx, new MqttClientOptions().setClientId(id).setUsername(id).setPassword(password)
        .setMaxInflightQueue(1000).setAckTimeout(-1));
    client = c;
    c.publishCompletionHandler(this::onAck);
    c.closeHandler(v -> reconnectIfCurrent(c));
    c.connect(port, "127.0.0.1").onSuccess(ack -> {
      connections.incrementAndGet();
      redeliver();
    }).onFailure(e -> reconnectIfCurrent(c));
  }

  /** One reconnect per lost client, however many of its handlers report the loss. */
  private synchronized void reconnectIfCurrent(MqttClient lost) {
    if (lost == client && !reconnecting) {
      reconnecting = true;
      vertx.setTimer(200, t -> {
        synchronized (this) {
          reconnecting = false;
        }
        connect();
      });
    }
  }

  private synchronized void redeliver() {
    seqByPacket.clear();
    unacknowledged.forEach(this::send);
  }

  /** A batch every tick; while disconnected it waits for the reconnect's redelivery, as a real gateway's would. */
  private synchronized void publishNext() {
    if (!publishing || client == null || unacknowledged.size() > 50) {
      return;
    }
    long seq = nextSeq++;
    // distinct timestamps per sensor by construction: batch seq holds [boot + 10 seq, boot + 10 seq + 9];
    // values stay within pm25's plausible range (0 to 999), so every reading counts in the rollups
    byte[] payload = Payloads.telemetryAt(id, boot, seq, id + "-s" + (seq % 5), 10, (int) (seq % 100 * 10),
        boot - 60_000 + seq * 10);
    unacknowledged.put(seq, payload);
    if (client.isConnected()) {
      send(seq, payload);
    }
  }

  private void send(long seq, byte[] payload) {
    client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
        .onSuccess(packetId -> seqByPacket.put(packetId, seq));
  }

  private synchronized void onAck(int packetId) {
    Long seq = seqByPacket.remove(packetId);
    if (seq != null && unacknowledged.remove(seq) != null) {
      acknowledged.put(seq, 10);
    }
  }
}
