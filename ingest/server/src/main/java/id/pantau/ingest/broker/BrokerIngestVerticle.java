package id.pantau.ingest.broker;

import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.ingest.DeadLetters;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.ingest.IngestMetrics;
import id.pantau.ingest.IngestOutcome;
import id.pantau.ingest.StreamIngest;
import id.pantau.ingest.mqtt.LogText;
import id.pantau.store.DeadLetter;
import id.pantau.store.DownlinkStore;
import id.pantau.store.GatewayStore;
import id.pantau.wire.BatchDecoder;
import id.pantau.wire.GatewayTopic;
import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker mode: subscribes to the gateways' telemetry and complaint topics on an existing MQTT
 * broker through a shared subscription ({@code $share/{group}/...}), so that several ingest
 * nodes split the stream, and acknowledges each message to the broker only after its batch
 * committed. The session is persistent (clean session off, a stable client id): what a node had
 * not acknowledged when it died stays with the broker and comes back to it when it returns.
 * Refused batches are dead-lettered and acknowledged (a gateway cannot be told through the
 * broker); a database outage or a full buffer leaves the message unacknowledged and retries it.
 *
 * <p>Downlink goes the other way through the same broker: alerts and instructions stored by any
 * node are published at QoS 1 on {@code pantau/v1/{city}/{kec}/alerts}, each by exactly one
 * ingest node, and marked published once the broker acknowledged them; the broker keeps them
 * for gateways with persistent sessions. Gateways count as online while their batches keep
 * coming ({@link BrokerPresence}).
 */
public final class BrokerIngestVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(BrokerIngestVerticle.class);
  private static final long RETRY_MS = 1_000;
  private static final long RECONNECT_MS = 2_000;
  private static final long DOWNLINK_POLL_MS = 500;
  private static final int DOWNLINK_BATCH = 100;
  private static final java.time.Duration DOWNLINK_MAX_AGE = java.time.Duration.ofHours(1);
  /** Longer than a round's wait for the broker's acknowledgements, so a live node keeps its claim. */
  private static final java.time.Duration DOWNLINK_LEASE = java.time.Duration.ofSeconds(30);

  private final BrokerConfig config;
  private final int maxPacketBytes;
  private final CityDirectory cities;
  private final StreamIngest<?, ?> telemetry;
  private final StreamIngest<?, ?> complaints;
  private final DeadLetters deadLetters;
  private final IngestMetrics metrics;
  private final GatewayStore gatewayStore;
  private final DownlinkStore downlinks;
  private final Map<Integer, CompletableFuture<Void>> downlinkAcks = new ConcurrentHashMap<>();
  private BrokerGateways gateways;
  private boolean downlinkRunning;
  private MqttClient client;
  private MqttClient reconnectingFrom;
  private boolean stopping;

  public BrokerIngestVerticle(BrokerConfig config, int maxPacketBytes, CityDirectory cities,
                              StreamIngest<?, ?> telemetry, StreamIngest<?, ?> complaints, DeadLetters deadLetters,
                              IngestMetrics metrics, GatewayStore gatewayStore, DownlinkStore downlinks) {
    this.downlinks = downlinks;
    this.config = config;
    this.maxPacketBytes = maxPacketBytes;
    this.cities = cities;
    this.telemetry = telemetry;
    this.complaints = complaints;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.gatewayStore = gatewayStore;
  }

  @Override
  public Future<?> start() {
    gateways = new BrokerGateways(vertx, gatewayStore);
    connect();
    vertx.setPeriodic(DOWNLINK_POLL_MS, t -> publishDownlink());
    new BrokerPresence(vertx, gatewayStore, config.presenceTimeout()).start();
    return Future.succeededFuture(); // a broker that is not up yet is waited for, not fatal
  }

  private void connect() {
    MqttClientOptions options = new MqttClientOptions().setClientId(config.clientId()).setCleanSession(false)
        .setKeepAliveInterval(30).setMaxMessageSize(maxPacketBytes).setAckTimeout(-1)
        .setMaxInflightQueue(DOWNLINK_BATCH); // a downlink round's publishes are in flight together
    options.setAutoAck(false);
    if (config.username() != null) {
      options.setUsername(config.username()).setPassword(config.password());
    }
    MqttClient c = MqttClient.create(vertx, options);
    client = c;
    c.publishHandler(this::onMessage);
    c.publishCompletionHandler(packetId -> {
      CompletableFuture<Void> ack = downlinkAcks.remove(packetId);
      if (ack != null) {
        ack.complete(null);
      }
    });
    c.closeHandler(v -> reconnectLater(c, "broker connection lost"));
    c.connect(config.port(), config.host())
        .compose(ack -> {
          log.info("broker connected broker={} sessionPresent={}", config, ack.isSessionPresent());
          Map<String, Integer> filters = new LinkedHashMap<>();
          for (String filter : config.topicFilters()) {
            filters.put(filter, MqttQoS.AT_LEAST_ONCE.value());
          }
          c.subscribeCompletionHandler(suback -> {
            if (suback.grantedQoSLevels().contains(0x80)) {
              log.error("broker refused a subscription filters={} granted={}: does it allow shared subscriptions"
                  + " and this client's ACL?", filters.keySet(), suback.grantedQoSLevels());
            } else {
              log.info("broker subscribed filters={}", filters.keySet());
            }
          });
          return c.subscribe(filters);
        })
        .onFailure(e -> reconnectLater(c, "cannot reach the broker: " + e.getMessage()));
  }

  /**
   * Once per lost client, however many of its handlers report the loss (a refused CONNACK
   * both fails the connect and closes the socket): two clients with one id would take the
   * session from each other.
   */
  private void reconnectLater(MqttClient lost, String why) {
    if (stopping || lost != client || reconnectingFrom == lost) {
      return;
    }
    reconnectingFrom = lost;
    log.warn("{} broker={}; reconnecting in {} ms", why, config, RECONNECT_MS);
    vertx.setTimer(RECONNECT_MS, t -> connect());
  }

  private void onMessage(MqttPublishMessage msg) {
    byte[] payload = msg.payload().getBytes();
    String topicName = msg.topicName();
    String named = BatchDecoder.gatewayNamedIn(payload);
    String vouched = null;
    String kecamatanTopic = topicName;
    if (config.identity() == BrokerConfig.Identity.TOPIC) {
      int slash = topicName.lastIndexOf('/');
      vouched = topicName.substring(slash + 1);
      kecamatanTopic = topicName.substring(0, Math.max(slash, 0));
    }
    GatewayTopic topic = GatewayTopic.parse(kecamatanTopic);
    if (topic == null || (topic.kind() != GatewayTopic.Kind.TELEMETRY && topic.kind() != GatewayTopic.Kind.COMPLAINTS)) {
      refuse(msg, named, payload, new Rejection(RejectReason.TOPIC_NAME_INVALID, "'" + LogText.escape(topicName)
          + "' is not a protocol v1 telemetry or complaints topic" + (vouched != null ? " with a gateway id level" : "")));
      return;
    }
    if (vouched != null && named != null && !vouched.equals(named)) {
      // the broker's ACL let only gateway 'vouched' publish here: the payload may not speak for another
      refuse(msg, vouched, payload, new Rejection(RejectReason.NOT_AUTHORIZED, "the payload names gateway '"
          + LogText.escape(named) + "' but came on the topic of gateway '" + LogText.escape(vouched) + "'"));
      return;
    }
    KecamatanRef kecamatan = cities.kecamatan(topic.city(), topic.kecamatan()).orElse(null);
    if (kecamatan == null) {
      refuse(msg, named, payload, new Rejection(RejectReason.NOT_AUTHORIZED,
          "no kecamatan '" + topic.kecamatan() + "' in city '" + topic.city() + "'"));
      return;
    }
    if (named == null) {
      // let the decoder say precisely what is wrong with the envelope
      ingest(msg, payload, topic, new GatewayIdentity("unnamed", kecamatan));
      return;
    }
    gateways.kecamatanOf(named).onComplete(found -> {
      if (found.failed()) {
        retryLater(msg, "cannot look gateway " + named + " up: " + found.cause().getMessage());
      } else if (found.result().isEmpty()) {
        refuse(msg, named, payload, new Rejection(RejectReason.NOT_AUTHORIZED, "gateway '" + LogText.escape(named)
            + "' is not registered or is disabled"));
      } else if (found.result().get() != kecamatan.id()) {
        refuse(msg, named, payload, new Rejection(RejectReason.NOT_AUTHORIZED, "gateway '" + named
            + "' does not belong to " + topic.city() + "/" + topic.kecamatan() + ", the kecamatan of the topic"));
      } else {
        ingest(msg, payload, topic, new GatewayIdentity(named, kecamatan));
      }
    });
  }

  private void ingest(MqttPublishMessage msg, byte[] payload, GatewayTopic topic, GatewayIdentity identity) {
    long received = System.nanoTime();
    StreamIngest<?, ?> stream = topic.kind() == GatewayTopic.Kind.TELEMETRY ? telemetry : complaints;
    stream.ingest(identity, payload, context)
        .onSuccess(outcome -> answer(msg, payload, identity, outcome, received))
        .onFailure(e -> {
          log.error("unexpected failure storing a broker message topic={}", LogText.escape(msg.topicName()), e);
          retryLater(msg, "internal error");
        });
  }

  /** The one mapping from what became of a message to what the broker hears. */
  private void answer(MqttPublishMessage msg, byte[] payload, GatewayIdentity identity, IngestOutcome outcome,
                      long received) {
    outcome.match(new IngestOutcome.Cases<Void>() {
      @Override
      public Void stored() {
        acknowledge(msg);
        metrics.acknowledged(System.nanoTime() - received);
        return null;
      }

      @Override
      public Void duplicate() {
        return stored();
      }

      @Override
      public Void refused(Rejection rejection) {
        // a gateway cannot be told through the broker: kept as a dead letter, counted, and acknowledged
        refuse(msg, identity.gatewayId(), payload, rejection);
        return null;
      }

      @Override
      public Void busy(String why) {
        retryLater(msg, why);
        return null;
      }

      @Override
      public Void shuttingDown() {
        // not acknowledged: the broker delivers it again to this node's next session or another node
        log.debug("broker message not taken topic={}: shutting down", LogText.escape(msg.topicName()));
        return null;
      }
    });
  }

  /** Not acknowledged: the broker holds further deliveries back (its inflight window) while we retry. */
  private void retryLater(MqttPublishMessage msg, String why) {
    log.debug("broker message not stored yet topic={}: {}; retrying", LogText.escape(msg.topicName()), LogText.escape(why));
    vertx.setTimer(RETRY_MS, t -> {
      if (client.isConnected()) {
        onMessage(msg);
      } // else the broker redelivers it after the reconnect
    });
  }

  private void refuse(MqttPublishMessage msg, String gateway, byte[] payload, Rejection rejection) {
    metrics.rejected(rejection.reason());
    log.debug("broker message refused gateway={} topic={}: {}", LogText.escape(gateway), LogText.escape(msg.topicName()),
        LogText.escape(String.valueOf(rejection)));
    deadLetters.keep(new DeadLetter(gateway, msg.topicName(), rejection, payload)).onComplete(v -> acknowledge(msg));
  }

  private void acknowledge(MqttPublishMessage msg) {
    if (client.isConnected() && msg.qosLevel() != MqttQoS.AT_MOST_ONCE) {
      msg.ack();
    }
  }

  /**
   * One round at a time: lease pending downlink, publish it with no transaction open, mark what
   * the broker acknowledged (see {@link DownlinkStore#publishPendingThroughBroker}).
   */
  private void publishDownlink() {
    if (downlinkRunning || stopping || client == null || !client.isConnected()) {
      return;
    }
    downlinkRunning = true;
    var lease = new DownlinkStore.BrokerLease(config.clientId(), DOWNLINK_BATCH, DOWNLINK_LEASE, DOWNLINK_MAX_AGE);
    vertx.executeBlocking(() -> downlinks.publishPendingThroughBroker(lease, this::publishAndAwaitAcks), false)
        .onComplete(r -> {
          downlinkRunning = false;
          if (r.failed()) {
            log.warn("downlink not published through the broker yet: {}", r.cause().toString());
          } else if (r.result() > 0) {
            log.info("downlink published through the broker messages={}", r.result());
          }
        });
  }

  /**
   * On a worker: publishes every message at QoS 1 and waits (up to 10 s) for the broker's PUBACKs;
   * returns the ids of the messages the broker acknowledged, so one refused or lost publish does
   * not make the others go out again.
   */
  private Set<Long> publishAndAwaitAcks(List<DownlinkStore.Message> messages) throws Exception {
    MqttClient c = client;
    Map<Long, CompletableFuture<Void>> acks = new LinkedHashMap<>();
    Map<Long, String> topics = new HashMap<>();
    for (DownlinkStore.Message m : messages) {
      KecamatanRef k = cities.kecamatan(m.kecamatanId()).orElse(null);
      if (k == null) {
        continue; // a kecamatan no longer served: nobody to tell
      }
      acks.put(m.id(), new CompletableFuture<>());
      topics.put(m.id(), GatewayTopic.name(k.citySlug(), k.slug(), GatewayTopic.Kind.ALERTS));
    }
    // published from the client's own event loop, so each packet id is registered there before its PUBACK is read
    context.runOnContext(v -> {
      for (DownlinkStore.Message m : messages) {
        CompletableFuture<Void> ack = acks.get(m.id());
        if (ack != null) {
          c.publish(topics.get(m.id()), Buffer.buffer(m.payload()), MqttQoS.AT_LEAST_ONCE, false, false)
              .onSuccess(packetId -> downlinkAcks.put(packetId, ack))
              .onFailure(ack::completeExceptionally);
        }
      }
    });
    try {
      CompletableFuture.allOf(acks.values().toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException partly) {
      log.warn("downlink: the broker acknowledged {} of {} messages; the rest go out next round: {}",
          acks.values().stream().filter(a -> a.isDone() && !a.isCompletedExceptionally()).count(), acks.size(),
          partly.toString());
    } finally {
      downlinkAcks.values().removeAll(acks.values()); // those never acknowledged: the next round publishes them again
    }
    Set<Long> acknowledged = new HashSet<>();
    acks.forEach((id, ack) -> {
      if (ack.isDone() && !ack.isCompletedExceptionally()) {
        acknowledged.add(id);
      }
    });
    // a kecamatan no longer served has nobody to tell: its messages are done with
    messages.stream().filter(m -> !acks.containsKey(m.id())).forEach(m -> acknowledged.add(m.id()));
    return acknowledged;
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return client != null && client.isConnected() ? client.disconnect() : Future.succeededFuture();
  }
}
