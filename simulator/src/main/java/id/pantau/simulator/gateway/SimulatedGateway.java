package id.pantau.simulator.gateway;

import id.pantau.simulator.load.OpenLoopSchedule;
import id.pantau.simulator.load.RunCounters;
import id.pantau.simulator.model.CityModel;
import id.pantau.simulator.model.SensorSlot;
import id.pantau.simulator.model.SlotFaults;
import id.pantau.simulator.mqtt.ConnectOptions;
import id.pantau.simulator.mqtt.GatewayMqttClient;
import id.pantau.simulator.mqtt.MqttConnectException;
import id.pantau.simulator.mqtt.PublishResult;
import id.pantau.wire.BatchId;
import id.pantau.wire.ComplaintBatch;
import id.pantau.wire.ComplaintEncoder;
import id.pantau.wire.ComplaintEvent;
import id.pantau.wire.GatewayTopic;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryEncoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * One gateway as a kecamatan would run it: QoS 1 batches with a bounded number in flight,
 * each named by (boot, seq); unacknowledged batches kept and sent again, unchanged, after a
 * reconnect; a new boot after a restart; a Will that says it went offline; a persistent
 * session subscribed to its kecamatan's downlink.
 *
 * <p>It sends on its own open-loop schedule and measures each PUBACK from the time the batch
 * was due, not from when it went out, so time lost waiting for a free inflight slot or a
 * reconnect counts (no coordinated omission). Everything runs on the gateway's own context.
 */
public final class SimulatedGateway {
  private static final byte[] ONLINE = "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OFFLINE = "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8);

  private final Vertx vertx;
  private final Context context;
  private final NetClient net;
  private final GatewayPlan plan;
  private final String secret;
  private final GatewaySettings settings;
  private final CityModel model;
  private final RunCounters counters;
  private final Recorder latency;
  private final OpenLoopSchedule schedule;
  private long startNanos;
  private long wallStartMillis;
  private final Consumer<String> log;
  private final ArrayDeque<OutgoingBatch> waiting = new ArrayDeque<>();
  private final Map<Long, OutgoingBatch> unacked = new LinkedHashMap<>();
  private final List<TelemetryBatch> acknowledged = new ArrayList<>();
  private final List<TelemetryBatch> neverAcknowledged = new ArrayList<>();
  private GatewayMqttClient client;
  private long boot;
  private long seq;
  private long batchKeys;
  private long nextMessage;
  private int slotCursor;
  private long timer = -1;
  private long complaintTimer = -1;
  private boolean scheduling = true;
  private boolean stopped;
  private int reconnectDelayMillis = 200;
  private Promise<Void> drained;

  public SimulatedGateway(Vertx vertx, NetClient net, GatewayPlan plan, String secret, GatewaySettings settings,
      CityModel model, RunCounters counters, Recorder latency, double phaseFraction, Consumer<String> log) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.net = net;
    this.plan = plan;
    this.secret = secret;
    this.settings = settings;
    this.model = model;
    this.counters = counters;
    this.latency = latency;
    double rate = settings.messagesPerSecond() > 0 ? settings.messagesPerSecond() : 1.0 / settings.batchEverySeconds();
    this.schedule = new OpenLoopSchedule(rate, settings.rampSeconds(), phaseFraction);
    this.log = log;
    this.boot = System.currentTimeMillis() / 1000;
  }

  public GatewayPlan plan() {
    return plan;
  }

  /** Connects (the first attempt's failure is returned, so bad credentials stop the run early). */
  public Future<Void> connectFirst() {
    Promise<Void> connected = Promise.promise();
    context.runOnContext(v -> connect().onComplete(connected));
    return connected.future();
  }

  /** Starts the schedule: message k is due at {@code startNanos} plus the schedule's k-th time. */
  public void begin(long startNanos, long wallStartMillis) {
    context.runOnContext(v -> {
      this.startNanos = startNanos;
      this.wallStartMillis = wallStartMillis;
      scheduleNext();
      if (plan.complaints() != null) {
        complaintTimer = vertx.setPeriodic(settings.batchEverySeconds() * 1000L, t -> queueComplaints());
      }
    });
  }

  /** Stops scheduling; completes when every batch is acknowledged or after the timeout. */
  public Future<Void> finish(long timeoutMillis) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      scheduling = false;
      vertx.cancelTimer(timer);
      vertx.cancelTimer(complaintTimer);
      queueComplaints();
      drained = done;
      checkDrained();
      vertx.setTimer(timeoutMillis, t -> done.tryComplete());
    });
    return done.future().compose(v -> {
      Promise<Void> closed = Promise.promise();
      context.runOnContext(x -> {
        stopped = true;
        neverAcknowledged.addAll(unackedTelemetry());
        Future<Void> bye = client != null ? client.disconnect() : Future.succeededFuture();
        bye.onComplete(r -> closed.complete());
      });
      return closed.future();
    });
  }

  /** Drops the connection without DISCONNECT (the server sees a lost connection and publishes the Will). */
  public void dropConnection() {
    context.runOnContext(v -> {
      if (client != null) {
        client.drop();
      }
    });
  }

  /** Simulates a power cycle: the connection drops and the gateway comes back with a new boot id. */
  public void restart() {
    context.runOnContext(v -> {
      boot = Math.max(System.currentTimeMillis() / 1000, boot + 1);
      seq = 0;
      if (client != null) {
        client.drop();
      }
    });
  }

  /** Telemetry batches the server acknowledged (kept only when verifying). */
  public List<TelemetryBatch> acknowledged() {
    return acknowledged;
  }

  /** Telemetry batches sent but never acknowledged by the end: the server may or may not hold them. */
  public List<TelemetryBatch> neverAcknowledged() {
    return neverAcknowledged;
  }

  public int waitingOrInFlight() {
    return waiting.size() + unacked.size();
  }

  // --- connection ---

  private Future<Void> connect() {
    ConnectOptions options = new ConnectOptions(plan.gatewayId(), plan.gatewayId(), secret,
        settings.cleanSession(), 3600, 30, plan.topic(GatewayTopic.Kind.STATUS), OFFLINE);
    return GatewayMqttClient.connect(vertx, net, settings.host(), settings.port(), settings.version(), options)
        .compose(c -> {
          client = c;
          counters.connected.incrementAndGet();
          reconnectDelayMillis = 200;
          c.closeHandler(this::onConnectionLost);
          c.messageHandler(m -> {
            counters.downlinkMessages.increment();
            log.accept(plan.gatewayId() + " received on " + m.topic() + ": "
                + new String(m.payload(), StandardCharsets.UTF_8));
          });
          c.publish(plan.topic(GatewayTopic.Kind.STATUS), ONLINE, false);
          return c.subscribe(plan.topic(GatewayTopic.Kind.ALERTS), 1).compose(granted -> {
            if (granted >= 0x80) {
              log.accept(plan.gatewayId() + ": the server refused the subscription to " + plan.topic(GatewayTopic.Kind.ALERTS)
                  + " (reason code 0x" + Integer.toHexString(granted) + ")");
            }
            resendUnacknowledged();
            pump();
            return Future.<Void>succeededFuture();
          });
        });
  }

  private void onConnectionLost() {
    counters.connected.decrementAndGet();
    if (stopped) {
      return;
    }
    // in-flight batches stay in unacked and go out again, unchanged, once reconnected
    vertx.setTimer(reconnectDelayMillis, t -> reconnect());
  }

  private void reconnect() {
    if (stopped) {
      return;
    }
    counters.reconnects.increment();
    connect().onFailure(e -> {
      String reason = e instanceof MqttConnectException ? e.getMessage() : String.valueOf(e);
      counters.connectionError(reason);
      reconnectDelayMillis = Math.min(5_000, reconnectDelayMillis * 2);
      vertx.setTimer(reconnectDelayMillis, t -> reconnect());
    });
  }

  // --- the open-loop schedule ---

  private void scheduleNext() {
    if (!scheduling) {
      return;
    }
    long now = System.nanoTime();
    while (true) {
      double dueSeconds = schedule.dueSeconds(nextMessage);
      if (dueSeconds > settings.durationSeconds()) {
        scheduling = false;
        break;
      }
      long dueNanos = startNanos + (long) (dueSeconds * 1e9);
      if (dueNanos > now) {
        timer = vertx.setTimer(Math.max(1, (dueNanos - now) / 1_000_000), t -> scheduleNext());
        break;
      }
      nextMessage++;
      queueTelemetry(dueNanos);
    }
    pump();
  }

  private void queueTelemetry(long dueNanos) {
    long dueWall = wallStartMillis + (dueNanos - startNanos) / 1_000_000;
    TelemetryBatch.Builder b = TelemetryBatch.builder(settings.messagesPerSecond() > 0 ? settings.readingsPerMessage() : 16);
    List<SensorSlot> slots = plan.slots();
    if (slots.isEmpty()) {
      return;
    }
    if (settings.messagesPerSecond() > 0) {
      for (int i = 0; i < settings.readingsPerMessage(); i++) {
        SensorSlot s = slots.get(slotCursor++ % slots.size());
        sample(b, s, s.nextTimestamp(dueWall));
      }
    } else {
      for (SensorSlot s : slots) {
        if (s.nextDue() == 0) {
          s.scheduleFirst(wallStartMillis);
        }
        while (s.nextDue() <= dueWall && b.size() < 10_000) {
          sample(b, s, s.nextTimestamp(s.nextDue()));
          s.advanceDue();
        }
      }
    }
    if (b.size() == 0) {
      return;
    }
    TelemetryBatch batch = b.build(new BatchId(plan.gatewayId(), boot, ++seq));
    counters.scheduledMessages.increment();
    waiting.add(new OutgoingBatch(++batchKeys, plan.topic(GatewayTopic.Kind.TELEMETRY), TelemetryEncoder.encode(batch), seq, batch.size(),
        dueNanos, batch));
  }

  /** A slot's reading at a time, as its scripted faults let it out (or not). */
  private void sample(TelemetryBatch.Builder b, SensorSlot s, long ts) {
    double value = model.value(s, ts);
    if (s.faults().isEmpty()) {
      b.add(s.sensor(), s.metric(), ts, value);
      return;
    }
    SlotFaults.Sent sent = s.faults().apply(ts, value);
    if (sent != null) {
      b.add(s.sensor(), s.metric(), sent.ts(), sent.value());
    }
  }

  private void queueComplaints() {
    if (plan.complaints() == null) {
      return;
    }
    List<ComplaintEvent> events = plan.complaints().due(System.currentTimeMillis());
    for (int from = 0; from < events.size(); from += 500) {
      List<ComplaintEvent> part = events.subList(from, Math.min(events.size(), from + 500));
      ComplaintBatch batch = new ComplaintBatch(new BatchId(plan.gatewayId(), boot, ++seq), part);
      waiting.add(new OutgoingBatch(++batchKeys, plan.topic(GatewayTopic.Kind.COMPLAINTS), ComplaintEncoder.encode(batch), seq, part.size(),
          System.nanoTime(), null));
    }
    pump();
  }

  // --- sending and acknowledgements ---

  private void pump() {
    while (client != null && client.isConnected() && unacked.size() < settings.inflight() && !waiting.isEmpty()) {
      OutgoingBatch next = waiting.poll();
      long lateness = System.nanoTime() - next.intendedNanos();
      if (next.isTelemetry() && lateness > settings.lateThresholdNanos()) {
        counters.lateSends.increment();
        counters.maxLatenessNanos.accumulate(lateness);
      }
      send(next, false);
    }
    checkDrained();
  }

  private void resendUnacknowledged() {
    for (OutgoingBatch b : List.copyOf(unacked.values())) {
      counters.redeliveredMessages.increment();
      send(b, true);
    }
  }

  private void send(OutgoingBatch batch, boolean redelivery) {
    unacked.put(batch.key(), batch);
    if (!redelivery && batch.isTelemetry()) {
      counters.sentMessages.increment();
      counters.sentReadings.add(batch.items());
    }
    client.publish(batch.topic(), batch.payload(), redelivery).onComplete(r -> {
      if (r.succeeded()) {
        onAnswer(batch, r.result());
      }
      // a failure means the connection ended: the batch stays in unacked for redelivery
    });
  }

  private void onAnswer(OutgoingBatch batch, PublishResult result) {
    if (unacked.remove(batch.key()) == null) {
      return; // answered twice (sent again before the first answer): count it once
    }
    if (result.accepted()) {
      if (batch.isTelemetry()) {
        counters.ackedMessages.increment();
        counters.ackedReadings.add(batch.items());
        latency.recordValue(Math.max(1, System.nanoTime() - batch.intendedNanos()));
        if (settings.keepAcknowledged()) {
          acknowledged.add(batch.telemetry());
        }
      } else {
        counters.complaintEventsAcked.add(batch.items());
      }
    } else {
      counters.rejected(result.label());
      log.accept(plan.gatewayId() + ": batch seq " + batch.seq() + " on " + batch.topic() + " rejected: "
          + result.label() + (result.reasonString() == null ? "" : " - " + result.reasonString()));
    }
    pump();
  }

  private List<TelemetryBatch> unackedTelemetry() {
    List<TelemetryBatch> out = new ArrayList<>();
    for (OutgoingBatch b : unacked.values()) {
      if (b.isTelemetry()) {
        out.add(b.telemetry());
      }
    }
    return out;
  }

  private void checkDrained() {
    if (drained != null && waiting.isEmpty() && unacked.isEmpty()) {
      drained.tryComplete();
    }
  }
}
