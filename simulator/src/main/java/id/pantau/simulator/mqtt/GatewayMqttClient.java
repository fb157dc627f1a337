package id.pantau.simulator.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A small MQTT 3.1.1 / 5 client for gateways: QoS 1 publishes answered by PUBACK reason codes,
 * subscriptions to the downlink, Will, persistent sessions and keep-alive. Written for the
 * simulator rather than taken from a library so that one process can hold thousands of
 * connections on a few event loops, and so that MQTT 5 reason strings reach the report.
 *
 * <p>Not thread-safe: every call must come from the event loop the connection was made on.
 */
public final class GatewayMqttClient {
  /** A message the server published to the gateway. */
  public record Incoming(String topic, byte[] payload, int qos) {
  }

  private final Vertx vertx;
  private final MqttVersion version;
  private final PacketWriter writer;
  private final Map<Integer, Promise<PublishResult>> awaitingAck = new HashMap<>();
  private final Map<Integer, Promise<Integer>> awaitingSuback = new HashMap<>();
  private NetSocket socket;
  private Promise<Boolean> connack;
  private Consumer<Incoming> messageHandler = m -> { };
  private Runnable closeHandler = () -> { };
  private int nextPacketId = 1;
  private long pingTimer = -1;
  private boolean closed;
  private String serverDisconnectReason;

  private GatewayMqttClient(Vertx vertx, MqttVersion version) {
    this.vertx = vertx;
    this.version = version;
    this.writer = new PacketWriter(version);
  }

  /**
   * Connects and completes with the client once the server accepted the CONNECT; fails with
   * {@link MqttConnectException} saying why when it did not.
   */
  public static Future<GatewayMqttClient> connect(Vertx vertx, NetClient net, String host, int port,
      MqttVersion version, ConnectOptions options) {
    GatewayMqttClient client = new GatewayMqttClient(vertx, version);
    return net.connect(port, host)
        .recover(e -> Future.failedFuture(new MqttConnectException(
            "cannot reach the MQTT server at " + host + ":" + port + ": " + e.getMessage(), false)))
        .compose(socket -> client.handshake(socket, options))
        .map(sessionPresent -> client);
  }

  public MqttVersion version() {
    return version;
  }

  public void messageHandler(Consumer<Incoming> handler) {
    this.messageHandler = handler;
  }

  /** Called once when the connection ends, for whatever reason. */
  public void closeHandler(Runnable handler) {
    this.closeHandler = handler;
  }

  public boolean isConnected() {
    return !closed;
  }

  /** The reason of an MQTT 5 DISCONNECT the server sent before closing, or null. */
  public String serverDisconnectReason() {
    return serverDisconnectReason;
  }

  public int awaitingAcks() {
    return awaitingAck.size();
  }

  /** Publishes at QoS 1; completes with the PUBACK's reason code, fails if the connection ends first. */
  public Future<PublishResult> publish(String topic, byte[] payload, boolean dup) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("not connected"));
    }
    int id = nextPacketId();
    Promise<PublishResult> promise = Promise.promise();
    awaitingAck.put(id, promise);
    socket.write(writer.publish(topic, payload, 1, id, dup));
    return promise.future();
  }

  /** Publishes at QoS 0: nothing comes back. */
  public void publishQos0(String topic, byte[] payload) {
    if (!closed) {
      socket.write(writer.publish(topic, payload, 0, 0, false));
    }
  }

  /** Subscribes; completes with the granted QoS (or the refusal reason code, 0x80 and above). */
  public Future<Integer> subscribe(String topicFilter, int qos) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("not connected"));
    }
    int id = nextPacketId();
    Promise<Integer> promise = Promise.promise();
    awaitingSuback.put(id, promise);
    socket.write(writer.subscribe(id, topicFilter, qos));
    return promise.future();
  }

  /** Says goodbye (DISCONNECT): the server does not publish the Will. */
  public Future<Void> disconnect() {
    if (closed) {
      return Future.succeededFuture();
    }
    socket.write(writer.disconnect());
    return socket.close();
  }

  /** Closes the socket without DISCONNECT, like a gateway losing power: the server publishes the Will. */
  public void drop() {
    if (!closed) {
      socket.close();
    }
  }

  private Future<Boolean> handshake(NetSocket socket, ConnectOptions options) {
    this.socket = socket;
    this.connack = Promise.promise();
    PacketReader reader = new PacketReader(this::onPacket);
    socket.handler(reader::feed);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> socket.close());
    socket.write(writer.connect(options));
    long timeout = vertx.setTimer(10_000, t -> {
      if (connack.tryFail(new MqttConnectException("no CONNACK within 10 s from the server", false))) {
        socket.close();
      }
    });
    int keepAliveMillis = options.keepAliveSeconds() * 1000;
    return connack.future().onComplete(r -> {
      vertx.cancelTimer(timeout);
      if (r.succeeded() && keepAliveMillis > 0) {
        pingTimer = vertx.setPeriodic(keepAliveMillis * 3L / 4, t -> {
          if (!closed) {
            socket.write(writer.pingreq());
          }
        });
      }
    });
  }

  private void onPacket(Packet p) {
    ByteBuffer body = ByteBuffer.wrap(p.body());
    switch (p.type()) {
      case Packet.CONNACK -> onConnack(body);
      case Packet.PUBACK -> onPuback(body);
      case Packet.SUBACK -> onSuback(body);
      case Packet.PUBLISH -> onPublish(p, body);
      case Packet.DISCONNECT -> onServerDisconnect(body);
      default -> { } // PINGRESP and anything a gateway may ignore
    }
  }

  private void onConnack(ByteBuffer body) {
    boolean sessionPresent = (body.get() & 1) == 1;
    int code = body.get() & 0xFF;
    String reason = version == MqttVersion.V5 && body.hasRemaining() ? Properties5.reasonString(body) : null;
    if (code == 0) {
      connack.tryComplete(sessionPresent);
      return;
    }
    String words = version == MqttVersion.V5 ? ReasonCodes.name(code) : ReasonCodes.connackV3(code);
    boolean credentials = version == MqttVersion.V5 ? code == 0x86 || code == 0x87 || code == 0x85 : code == 4 || code == 5 || code == 2;
    connack.tryFail(new MqttConnectException("the server refused the connection: " + words
        + (reason == null ? "" : " (" + reason + ")"), credentials));
    socket.close();
  }

  private void onPuback(ByteBuffer body) {
    int id = Short.toUnsignedInt(body.getShort());
    int code = body.hasRemaining() ? body.get() & 0xFF : 0;
    String reason = body.hasRemaining() ? Properties5.reasonString(body) : null;
    Promise<PublishResult> promise = awaitingAck.remove(id);
    if (promise != null) {
      promise.complete(new PublishResult(code, reason));
    }
  }

  private void onSuback(ByteBuffer body) {
    int id = Short.toUnsignedInt(body.getShort());
    if (version == MqttVersion.V5) {
      Properties5.reasonString(body);
    }
    int granted = body.hasRemaining() ? body.get() & 0xFF : 0x80;
    Promise<Integer> promise = awaitingSuback.remove(id);
    if (promise != null) {
      promise.complete(granted);
    }
  }

  private void onPublish(Packet p, ByteBuffer body) {
    String topic = Properties5.string(body);
    int id = p.qos() > 0 ? Short.toUnsignedInt(body.getShort()) : 0;
    if (version == MqttVersion.V5) {
      Properties5.reasonString(body);
    }
    byte[] payload = new byte[body.remaining()];
    body.get(payload);
    try {
      messageHandler.accept(new Incoming(topic, payload, p.qos()));
    } finally {
      if (p.qos() == 1 && !closed) {
        socket.write(writer.puback(id));
      }
    }
  }

  private void onServerDisconnect(ByteBuffer body) {
    if (body.hasRemaining()) {
      int code = body.get() & 0xFF;
      String reason = body.hasRemaining() ? Properties5.reasonString(body) : null;
      serverDisconnectReason = ReasonCodes.name(code) + (reason == null ? "" : " (" + reason + ")");
    }
  }

  private void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    connack.tryFail(new MqttConnectException("the server closed the connection before CONNACK", false));
    IllegalStateException lost = new IllegalStateException("connection lost");
    awaitingAck.values().forEach(p -> p.tryFail(lost));
    awaitingAck.clear();
    awaitingSuback.values().forEach(p -> p.tryFail(lost));
    awaitingSuback.clear();
    closeHandler.run();
  }

  private int nextPacketId() {
    do {
      nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
    } while (awaitingAck.containsKey(nextPacketId) || awaitingSuback.containsKey(nextPacketId));
    return nextPacketId;
  }
}
