package id.pantau.ingest.mqtt;

import id.pantau.ingest.DeadLetters;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.ingest.IngestMetrics;
import id.pantau.ingest.IngestOutcome;
import id.pantau.store.DeadLetter;
import id.pantau.store.DownlinkStore;
import id.pantau.wire.GatewayTopic;
import id.pantau.wire.RejectReason;
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
      reject(msg, payload, MqttReasons.answer(IngestOutcome.refused(refusal), endpoint.protocolVersion()));
      return;
    }
    Future<IngestOutcome> outcome = switch (topic.kind()) {
      case TELEMETRY -> shared.telemetry().ingest(identity, payload, context);
      case COMPLAINTS -> shared.complaints().ingest(identity, payload, context);
      case STATUS -> Future.succeededFuture(status(payload));
      default -> throw new IllegalStateException("checkTopic lets only gateway-to-server topics through");
    };
    outcome.onSuccess(o -> answer(msg, payload, MqttReasons.answer(o, endpoint.protocolVersion()), received))
        .onFailure(e -> {
          log.error("gateway={} unexpected failure handling a publish", gatewayId(), e);
          closeWith(MqttDisconnectReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "internal error");
        });
  }

  /** Carries out what {@link MqttReasons#answer} decided. */
  private void answer(MqttPublishMessage msg, byte[] payload, MqttReasons.Answer answer, long received) {
    if (answer.disconnect() != null) {
      shared.metrics().overloadDisconnect();
      closeWith(answer.disconnect(), answer.why());
    } else if (!answer.acknowledge()) {
      log.debug("gateway={} publish not acknowledged: {}", gatewayId(), answer.why());
    } else if (answer.refusal() != null) {
      reject(msg, payload, answer);
    } else {
      acknowledge(msg, answer);
      shared.metrics().acknowledged(System.nanoTime() - received);
    }
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
  private IngestOutcome status(byte[] payload) {
    String state;
    try {
      state = new JsonObject(Buffer.buffer(payload)).getString("state");
    } catch (RuntimeException e) {
      state = null;
    }
    if (!"online".equals(state) && !"offline".equals(state)) {
      return IngestOutcome.refused(Rejection.invalid(
          "a status payload must be {\"state\":\"online\"} or {\"state\":\"offline\"}"));
    }
    shared.presence().reported(gatewayId(), connectionId, state.equals("online"));
    return IngestOutcome.STORED;
  }

  private void acknowledge(MqttPublishMessage msg, MqttReasons.Answer answer) {
    settle(msg);
    if (!endpoint.isConnected()) {
      return; // the gateway redelivers it on its next connection; the batch id makes that harmless
    }
    if (answer.refusal() == null || !MqttReasons.isMqtt5(endpoint.protocolVersion())) {
      // MQTT 3.1.1 acknowledgements carry no reason: the errors topic does (reportError)
      switch (msg.qosLevel()) {
        case AT_LEAST_ONCE -> endpoint.publishAcknowledge(msg.messageId());
        case EXACTLY_ONCE -> endpoint.publishReceived(msg.messageId());
        default -> { }
      }
      return;
    }
    MqttProperties props = MqttReasons.reasonString(answer.refusal().detail());
    switch (msg.qosLevel()) {
      case AT_LEAST_ONCE -> endpoint.publishAcknowledge(msg.messageId(), answer.code(), props);
      case EXACTLY_ONCE -> endpoint.publishReceived(msg.messageId(), answer.pubRecCode(), props);
      default -> { }
    }
  }

  /** Keeps the payload as a dead letter (when there is room), then answers with the reason. */
  private void reject(MqttPublishMessage msg, byte[] payload, MqttReasons.Answer answer) {
    Rejection rejection = answer.refusal();
    shared.metrics().rejected(rejection.reason());
    log.debug("gateway={} topic={} rejected: {}", gatewayId(), LogText.escape(msg.topicName()),
        LogText.escape(String.valueOf(rejection)));
    shared.deadLetters().keep(new DeadLetter(gatewayId(), msg.topicName(), rejection, payload))
        .onComplete(v -> {
          acknowledge(msg, answer);
          if (endpoint.isConnected()) {
            subscriptions.reportError(msg, rejection);
          }
        });
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
    boolean stillLive = shared.sessions().remove(this);
    String reason = closeReason != null ? closeReason : disconnectedCleanly ? "disconnected" : "connection lost";
    if (stillLive) {
      shared.presence().offline(gatewayId(), connectionId, reason);
    }
    // counted after its presence write is queued: one seeing the count drop knows that write is in line
    shared.metrics().disconnected();
    log.info("gateway disconnected gateway={} reason={}", gatewayId(), reason);
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
