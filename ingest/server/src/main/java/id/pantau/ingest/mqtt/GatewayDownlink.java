package id.pantau.ingest.mqtt;

import id.pantau.ingest.GatewayIdentity;
import id.pantau.store.DownlinkStore;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's downlink: alerts and instructions published at QoS 1 on the gateway's
 * {@code alerts} topic. A message counts as delivered only when the gateway's PUBACK arrives;
 * until then it stays owed, and a gateway with a persistent session gets everything owed
 * when it comes back. At most the gateway's Receive Maximum (MQTT 5; capped at
 * {@value #MAX_IN_FLIGHT}) messages are unacknowledged at a time, so a small device that
 * comes back to a long backlog is fed at its own pace. Runs on the connection's event loop;
 * database calls go to a worker.
 */
final class GatewayDownlink {
  private static final Logger log = LoggerFactory.getLogger(GatewayDownlink.class);
  /** Unacknowledged downlink per connection when the gateway allows more (or says nothing, MQTT 3.1.1). */
  static final int MAX_IN_FLIGHT = 100;

  private final Vertx vertx;
  private final MqttEndpoint endpoint;
  private final GatewayIdentity identity;
  private final DownlinkStore store;
  private final String topic;
  private final Map<Integer, Long> awaitingAck = new HashMap<>();
  private final Set<Long> sentOnThisConnection = new HashSet<>();
  private final Deque<DownlinkStore.Message> waiting = new ArrayDeque<>();
  /** New messages offered while what is owed is still being read: they go out after it, in order. */
  private final List<DownlinkStore.Message> heldWhileCatchingUp = new java.util.ArrayList<>();
  private boolean catchingUp;
  private final int window;
  private int inFlight;
  private boolean subscribed;
  private boolean persistent;
  private long resumeSince = -1;

  GatewayDownlink(Vertx vertx, MqttEndpoint endpoint, GatewayIdentity identity, DownlinkStore store) {
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.identity = identity;
    this.store = store;
    this.topic = identity.topicPrefix() + "alerts";
    this.window = Math.min(MAX_IN_FLIGHT, receiveMaximumOf(endpoint));
  }

  /** The CONNECT's Receive Maximum (MQTT 5), or no limit of the gateway's own. */
  private static int receiveMaximumOf(MqttEndpoint endpoint) {
    if (endpoint.protocolVersion() < 5 || endpoint.connectProperties() == null) {
      return Integer.MAX_VALUE;
    }
    var property = endpoint.connectProperties().getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
    return property == null ? Integer.MAX_VALUE : Math.max(1, (Integer) property.value());
  }

  /**
   * A clean session forgets any earlier subscription; a persistent one resumes it and is
   * sent what it is owed. Completes with whether a session was present.
   */
  io.vertx.core.Future<Boolean> onConnect(boolean cleanSession) {
    endpoint.publishAcknowledgeHandler(this::onPuback);
    String gateway = identity.gatewayId();
    if (cleanSession) {
      return vertx.executeBlocking(() -> {
        store.unsubscribe(gateway);
        return false;
      }, false);
    }
    return vertx.executeBlocking(() -> store.subscription(gateway), false).map(existing -> {
      existing.ifPresent(s -> {
        subscribed = true;
        persistent = true;
        resumeSince = s.sinceId();
      });
      return existing.isPresent();
    });
  }

  /** After CONNACK (nothing may be published before it): a resumed session gets what it is owed. */
  void afterAccept() {
    if (resumeSince >= 0) {
      sendOwed(resumeSince);
    }
  }

  /** The gateway subscribed to its alerts topic (the ACL has already been checked). */
  void onSubscribed() {
    boolean wasSubscribed = subscribed;
    subscribed = true;
    persistent = !endpoint.isCleanSession();
    boolean keep = persistent;
    vertx.executeBlocking(() -> store.subscribe(identity.gatewayId(), keep), false)
        .onSuccess(s -> {
          if (!wasSubscribed) {
            sendOwed(s.sinceId());
          }
        })
        .onFailure(e -> log.warn("cannot record the downlink subscription of gateway={}: {}", identity.gatewayId(), e.toString()));
  }

  void onUnsubscribed() {
    subscribed = false;
    vertx.executeBlocking(() -> {
      store.unsubscribe(identity.gatewayId());
      return null;
    }, false);
  }

  /** The connection ended: a clean session's subscription ends with it. */
  void onClose() {
    if (subscribed && !persistent) {
      onUnsubscribed();
    }
  }

  /** A new message for some kecamatan; sent if it is this gateway's and it is subscribed. */
  void offer(DownlinkStore.Message message) {
    if (subscribed && message.kecamatanId() == identity.kecamatan().id()) {
      if (catchingUp) {
        heldWhileCatchingUp.add(message);
      } else {
        send(message);
      }
    }
  }

  /**
   * Sends what the session is owed. A message written meanwhile may reach {@link #offer} before
   * the owed list arrives; it is held until then, so that the gateway gets every message in the
   * order it was written (MQTT's ordered topic), never a newer one before an older one it is owed.
   */
  private void sendOwed(long sinceId) {
    catchingUp = true;
    vertx.executeBlocking(() -> store.owed(identity.gatewayId(), identity.kecamatan().id(), sinceId), false)
        .onComplete(r -> {
          if (r.succeeded()) {
            r.result().forEach(this::send);
          } else {
            log.warn("cannot read the downlink owed to gateway={}: {}", identity.gatewayId(), r.cause().toString());
          }
          catchingUp = false;
          heldWhileCatchingUp.sort(java.util.Comparator.comparingLong(DownlinkStore.Message::id));
          heldWhileCatchingUp.forEach(this::send);
          heldWhileCatchingUp.clear();
        });
  }

  private void send(DownlinkStore.Message message) {
    if (!endpoint.isConnected() || !sentOnThisConnection.add(message.id())) {
      return;
    }
    waiting.add(message);
    sendWithinWindow();
  }

  private void sendWithinWindow() {
    while (inFlight < window && !waiting.isEmpty() && endpoint.isConnected()) {
      DownlinkStore.Message message = waiting.poll();
      inFlight++;
      endpoint.publish(topic, Buffer.buffer(message.payload()), MqttQoS.AT_LEAST_ONCE, false, false)
          .onSuccess(packetId -> awaitingAck.put(packetId, message.id()))
          .onFailure(e -> {
            inFlight--;
            sentOnThisConnection.remove(message.id()); // owed still: sent again on the next connection
          });
    }
  }

  private void onPuback(int packetId) {
    Long messageId = awaitingAck.remove(packetId);
    if (messageId == null) {
      return;
    }
    inFlight--;
    sendWithinWindow();
    String gateway = identity.gatewayId();
    vertx.executeBlocking(() -> {
      store.delivered(gateway, messageId);
      return null;
    }, false).onFailure(e -> log.warn("cannot record delivery of downlink message {} to gateway={}: {}",
        messageId, gateway, e.toString()));
  }
}
