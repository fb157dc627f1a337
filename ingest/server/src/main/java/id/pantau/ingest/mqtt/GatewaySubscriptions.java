package id.pantau.ingest.mqtt;

import id.pantau.ingest.GatewayIdentity;
import id.pantau.wire.GatewayTopic;
import id.pantau.wire.Rejection;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a gateway may subscribe to (its own kecamatan's {@code alerts} and {@code errors}
 * topics, nothing else) and the rejection reports sent on its {@code errors} topic.
 */
final class GatewaySubscriptions {
  private final MqttEndpoint endpoint;
  private final GatewayIdentity identity;
  private final GatewayDownlink downlink;
  private final Set<GatewayTopic.Kind> subscribed = new HashSet<>();

  GatewaySubscriptions(MqttEndpoint endpoint, GatewayIdentity identity, GatewayDownlink downlink) {
    this.endpoint = endpoint;
    this.identity = identity;
    this.downlink = downlink;
  }

  void onSubscribe(MqttSubscribeMessage msg) {
    boolean v5 = MqttReasons.isMqtt5(endpoint.protocolVersion());
    boolean alerts = false;
    List<MqttQoS> granted = new ArrayList<>();
    List<MqttSubAckReasonCode> codes = new ArrayList<>();
    for (MqttTopicSubscription s : msg.topicSubscriptions()) {
      GatewayTopic topic = GatewayTopic.parse(s.topicName());
      if (topic != null && identity.owns(topic) && !topic.kind().fromGateway()) {
        subscribed.add(topic.kind());
        alerts |= topic.kind() == GatewayTopic.Kind.ALERTS;
        MqttQoS qos = MqttQoS.valueOf(Math.min(s.qualityOfService().value(), topic.kind() == GatewayTopic.Kind.ERRORS ? 0 : 1));
        granted.add(qos);
        codes.add(MqttSubAckReasonCode.qosGranted(qos));
      } else {
        granted.add(MqttQoS.FAILURE);
        codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED);
      }
    }
    if (v5) {
      endpoint.subscribeAcknowledge(msg.messageId(), codes, MqttProperties.NO_PROPERTIES);
    } else {
      endpoint.subscribeAcknowledge(msg.messageId(), granted);
    }
    if (alerts) {
      downlink.onSubscribed();
    }
  }

  void onUnsubscribe(MqttUnsubscribeMessage msg) {
    for (String name : msg.topics()) {
      GatewayTopic topic = GatewayTopic.parse(name);
      if (topic != null && identity.owns(topic)) {
        subscribed.remove(topic.kind());
        if (topic.kind() == GatewayTopic.Kind.ALERTS) {
          downlink.onUnsubscribed();
        }
      }
    }
    endpoint.unsubscribeAcknowledge(msg.messageId());
  }

  /** Tells a subscribed gateway why its message was refused (MQTT 3.1.1 has no reason codes). */
  void reportError(MqttPublishMessage msg, Rejection rejection) {
    if (!subscribed.contains(GatewayTopic.Kind.ERRORS)) {
      return;
    }
    JsonObject report = new JsonObject()
        .put("topic", msg.topicName())
        .put("messageId", msg.messageId())
        .put("reason", rejection.reason().label())
        .put("code", rejection.reason().code())
        .put("detail", rejection.detail());
    String errors = identity.topicPrefix() + GatewayTopic.Kind.ERRORS.level();
    endpoint.publish(errors, report.toBuffer(), MqttQoS.AT_MOST_ONCE, false, false);
  }
}
