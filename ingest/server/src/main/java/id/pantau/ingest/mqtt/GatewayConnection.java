package id.pantau.ingest.mqtt;

import id.pantau.ingest.DeadLetters;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.ingest.IngestMetrics;
import id.pantau.ingest.OverloadedException;
import id.pantau.store.DeadLetter;
import id.pantau.store.DownlinkStore;
import id.pantau.wire.GatewayTopic;
import id.pantau.wire.RejectReason;
import id.pantau.wire.RejectedException;
import id.pantau.wire.Rejection;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated gateway connection. Checks every publish against the gateway's own
 * topics, hands telemetry to the ingest path, and acknowledges only when the batch is
 * committed (or refused, with its reason). All methods run on the connection's event loop.
 */
final class GatewayConnection {
  private static final Logger log = LoggerFactory.getLogger(GatewayConnection.class);

  private final MqttEndpoint endpoint;
  private final GatewayIdentity identity;
  private final long connectionId;
  private final Context context;
  private final MqttIngestVerticle.Shared shared;
  private final GatewaySubscriptions subscriptions;
  private final GatewayDownlink downlink;
  private final MessageRateLimit rate;
  private int unacknowledged;
  private boolean disconnectedCleanly;
  private String closeReason;

  GatewayConnection(MqttEndpoint endpoint, GatewayIdentity identity, long connectionId, Context context,
                    MqttIngestVerticle.Shared shared) {
    this.endpoint = endpoint;
    this.identity = identity;
    this.connectionId = connectionId;
    this.context = context;
    this.shared = shared;
    this.downlink = new GatewayDownlink(context.owner(), endpoint, identity, shared.downlinks());
    this.subscriptions = new GatewaySubscriptions(endpoint, identity, downlink);
    this.rate = new MessageRateLimit(shared.config().maxMessagesPerSecond(), System.nanoTime());
  }

  String gatewayId() {
    return identity.gatewayId();
  }

  /** Sets up handlers and presence; completes with whether a persistent downlink session exists. */
  Future<Boolean> start() {
    endpoint.publishHandler(this::onPublish);
    endpoint.publishReleaseHandler(endpoint::publishComplete);
    endpoint.subscribeHandler(subscriptions::onSubscribe);
    endpoint.unsubscribeHandler(subscriptions::onUnsubscribe);
    endpoint.disconnectHandler(v -> disconnectedCleanly = true);
    endpoint.exceptionHandler(e -> log.debug("gateway={} connection error: {}", gatewayId(), e.toString()));
    endpoint.closeHandler(v -> onClose());
    shared.sessions().register(this);
    shared.metrics().connected();
    shared.presence().online(gatewayId(), connectionId);
    log.info("gateway connected gateway={} kecamatan={}/{} mqtt={} address={} keepAlive={}s", gatewayId(),
        identity.kecamatan().citySlug(), identity.kecamatan().slug(), endpoint.protocolVersion(),
        endpoint.remoteAddress(), endpoint.keepAliveTimeSeconds());
    return downlink.onConnect(endpoint.isCleanSession()).recover(e -> {
      log.warn("cannot read the downlink session of gateway={}: {}", gatewayId(), e.toString());
      return Future.succeededFuture(false);
    });
  }

  /** After CONNACK: what a resumed session is owed goes out now. */
  void afterAccept() {
    downlink.afterAccept();
  }

  /** A new downlink message; called from any thread. */
  void offerDownlink(DownlinkStore.Message message) {
    context.runOnContext(v -> downlink.offer(message));
  }

  private void onPublish(MqttPublishMessage msg) {
    if (!endpoint.isConnected()) {
      return; // already being closed: what is still in the socket buffer is not read
    }
    if (!rate.tryTake(System.nanoTime())) {
      shared.metrics().rateLimitDisconnect();
      closeWith(MqttDisconnectReasonCode.MESSAGE_RATE_TOO_HIGH, "more than " + shared.config().maxMessagesPerSecond()
          + " messages per second (mqtt.maxMessagesPerSecond)");
      return;
    }
    if (msg.qosLevel() != MqttQoS.AT_MOST_ONCE && ++unacknowledged > shared.config().receiveMaximum()
        && MqttReasons.isMqtt5(endpoint.protocolVersion())) {
      closeWith(MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "more unacknowledged messages than Receive Maximum");
      return;
    }
    long received = System.nanoTime();
    byte[] payload = msg.payload().getBytes();
    GatewayTopic topic = GatewayTopic.parse(msg.topicName());
    Rejection refusal = checkTopic(topic, msg.topicName());
    if (refusal != null) {
      reject(msg, payload, refusal);
      return;
    }
    Future<Void> stored = switch (topic.kind()) {
      case TELEMETRY -> shared.telemetry().ingest(identity, payload, context);
      case COMPLAINTS -> shared.complaints().ingest(identity, payload, context);
      case STATUS -> status(payload);
      default -> throw new IllegalStateException("checkTopic lets only gateway-to-server topics through");
    };
    stored.onComplete(ar -> {
      if (ar.succeeded()) {
        acknowledge(msg);
        shared.metrics().acknowledged(System.nanoTime() - received);
      } else if (ar.cause() instanceof RejectedException r) {
        reject(msg, payload, r.rejection());
      } else if (ar.cause() instanceof OverloadedException o && o.isShuttingDown()) {
        // not acknowledged, and the connection left open: the batches committed before it still
        // get their PUBACKs while the server drains; this one is redelivered to the next server
        log.debug("gateway={} publish not taken: server shutting down", gatewayId());
      } else if (ar.cause() instanceof OverloadedException) {
        shared.metrics().overloadDisconnect();
        closeWith(MqttDisconnectReasonCode.QUOTA_EXCEEDED, "server overloaded; reconnect and redeliver later");
      } else {
        log.error("gateway={} unexpected failure handling a publish", gatewayId(), ar.cause());
        closeWith(MqttDisconnectReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "internal error");
      }
    });
  }

  private Rejection checkTopic(GatewayTopic topic, String name) {
    if (topic == null) {
      return new Rejection(RejectReason.TOPIC_NAME_INVALID, "'" + abbreviate(name)
          + "' is not a protocol v1 topic (pantau/v1/{city}/{kec}/telemetry|complaints|status)");
    }
    if (!identity.owns(topic)) {
      return new Rejection(RejectReason.NOT_AUTHORIZED, "gateway " + gatewayId() + " may publish only under "
          + identity.topicPrefix());
    }
    if (!topic.kind().fromGateway()) {
      return new Rejection(RejectReason.NOT_AUTHORIZED, topic.kind().level() + " is a server-to-gateway topic");
    }
    return null;
  }

  /** {"state":"online"} or {"state":"offline"}: usually a gateway's Will, relayed. */
  private Future<Void> status(byte[] payload) {
    String state;
    try {
      state = new JsonObject(Buffer.buffer(payload)).getString("state");
    } catch (RuntimeException e) {
      state = null;
    }
    if (!"online".equals(state) && !"offline".equals(state)) {
      return Future.failedFuture(new RejectedException(Rejection.invalid(
          "a status payload must be {\"state\":\"online\"} or {\"state\":\"offline\"}")));
    }
    if (state.equals("offline")) {
      shared.presence().offline(gatewayId(), connectionId, "gateway reported offline");
    } else {
      shared.presence().online(gatewayId(), connectionId);
    }
    return Future.succeededFuture();
  }

  private void acknowledge(MqttPublishMessage msg) {
    settle(msg);
    if (!endpoint.isConnected()) {
      return; // the gateway redelivers it on its next connection; the batch id makes that harmless
    }
    switch (msg.qosLevel()) {
      case AT_LEAST_ONCE -> endpoint.publishAcknowledge(msg.messageId());
      case EXACTLY_ONCE -> endpoint.publishReceived(msg.messageId());
      default -> { }
    }
  }

  private void reject(MqttPublishMessage msg, byte[] payload, Rejection rejection) {
    shared.metrics().rejected(rejection.reason());
    log.debug("gateway={} topic={} rejected: {}", gatewayId(), LogText.escape(msg.topicName()),
        LogText.escape(String.valueOf(rejection)));
    shared.deadLetters().keep(new DeadLetter(gatewayId(), msg.topicName(), rejection, payload))
        .onComplete(v -> {
          settle(msg);
          if (endpoint.isConnected()) {
            sendRejection(msg, rejection);
            subscriptions.reportError(msg, rejection);
          }
        });
  }

  private void sendRejection(MqttPublishMessage msg, Rejection rejection) {
    boolean v5 = MqttReasons.isMqtt5(endpoint.protocolVersion());
    MqttProperties props = v5 ? MqttReasons.reasonString(rejection.detail()) : MqttProperties.NO_PROPERTIES;
    switch (msg.qosLevel()) {
      // MQTT 3.1.1 has no reason codes: a normal acknowledgement, and the reason on the errors topic
      case AT_LEAST_ONCE -> {
        if (v5) {
          endpoint.publishAcknowledge(msg.messageId(), MqttReasons.pubAck(rejection.reason()), props);
        } else {
          endpoint.publishAcknowledge(msg.messageId());
        }
      }
      case EXACTLY_ONCE -> {
        if (v5) {
          endpoint.publishReceived(msg.messageId(), MqttReasons.pubRec(rejection.reason()), props);
        } else {
          endpoint.publishReceived(msg.messageId());
        }
      }
      default -> { }
    }
  }

  private void settle(MqttPublishMessage msg) {
    if (msg.qosLevel() != MqttQoS.AT_MOST_ONCE && unacknowledged > 0) {
      unacknowledged--;
    }
  }

  /** Another connection of the same gateway took over; called from any thread. */
  void takenOver() {
    context.runOnContext(v -> closeWith(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, "session taken over"));
  }

  /** An administrator disabled this gateway; called from any thread. */
  void disabledByAdministrator() {
    context.runOnContext(v -> closeWith(MqttDisconnectReasonCode.NOT_AUTHORIZED, "gateway disabled by an administrator"));
  }

  private void closeWith(MqttDisconnectReasonCode code, String reason) {
    if (!endpoint.isConnected()) {
      return;
    }
    closeReason = reason;
    log.info("closing gateway={} reason={}", gatewayId(), reason);
    if (MqttReasons.isMqtt5(endpoint.protocolVersion())) {
      endpoint.disconnect(code, MqttReasons.reasonString(reason));
    }
    endpoint.close();
  }

  private void onClose() {
    downlink.onClose();
    shared.metrics().disconnected();
    boolean stillLive = shared.sessions().remove(this);
    String reason = closeReason != null ? closeReason : disconnectedCleanly ? "disconnected" : "connection lost";
    if (stillLive) {
      shared.presence().offline(gatewayId(), connectionId, reason);
    }
    log.info("gateway disconnected gateway={} reason={}", gatewayId(), reason);
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
