package id.pantau.ingest;

import id.pantau.wire.RejectReason;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest path: what was stored, what was refused and why, and how long
 * acknowledgements and commits take. The counters feed both {@code /api/v1/health} and the
 * Prometheus registry ({@code /metrics}). Thread-safe.
 */
public final class IngestMetrics {
  private final LongAdder storedBatches = new LongAdder();
  private final LongAdder duplicateBatches = new LongAdder();
  private final LongAdder storedReadings = new LongAdder();
  private final LongAdder storedComplaintBatches = new LongAdder();
  private final LongAdder storedComplaintEvents = new LongAdder();
  private final LongAdder refusedConnects = new LongAdder();
  private final LongAdder overloadDisconnects = new LongAdder();
  private final LongAdder rateLimitDisconnects = new LongAdder();
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
  private final MeterRegistry registry;
  private final Timer puback;
  private final Map<String, StreamMeters> streams = new java.util.concurrent.ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RejectReason r : RejectReason.values()) {
      LongAdder count = new LongAdder();
      rejected.put(r, count);
      FunctionCounter.builder("pantau.ingest.rejected", count, LongAdder::sum).tag("reason", r.label())
          .description("messages refused, by reason").register(registry);
    }
    counter("pantau.ingest.batches.stored", storedBatches, "stream", "telemetry", "telemetry batches committed");
    counter("pantau.ingest.batches.stored", storedComplaintBatches, "stream", "complaints", "complaint batches committed");
    counter("pantau.ingest.readings.stored", storedReadings, null, null, "readings committed");
    counter("pantau.ingest.complaint.events.stored", storedComplaintEvents, null, null, "complaint events committed");
    counter("pantau.ingest.batches.duplicate", duplicateBatches, null, null, "redelivered batches acknowledged, not stored again");
    counter("pantau.mqtt.connects.refused", refusedConnects, null, null, "CONNECTs refused (credentials, throttle, busy)");
    counter("pantau.mqtt.overload.disconnects", overloadDisconnects, null, null, "connections closed because the buffer was full");
    counter("pantau.mqtt.ratelimit.disconnects", rateLimitDisconnects, null, null,
        "connections closed for sending more than mqtt.maxMessagesPerSecond");
    Gauge.builder("pantau.mqtt.connections", connections, AtomicInteger::get).description("gateway connections open")
        .register(registry);
    puback = Timer.builder("pantau.puback.latency").description("from a publish's arrival to its PUBACK (after commit)")
        .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
        .maximumExpectedValue(java.time.Duration.ofSeconds(30)).register(registry);
  }

  /** Where other parts of the ingest path register their own meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** A publish was acknowledged this long after it arrived. */
  public void acknowledged(long nanos) {
    puback.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A flush of {@code messages} batches committed in {@code nanos}. */
  public void flushed(String stream, int messages, long nanos) {
    StreamMeters m = meters(stream);
    m.flush().record(nanos, TimeUnit.NANOSECONDS);
    m.messagesPerFlush().record(messages);
  }

  /** A message of this many readings or events was committed. */
  public void messageSize(String stream, int items) {
    meters(stream).itemsPerMessage().record(items);
  }

  private record StreamMeters(Timer flush, DistributionSummary messagesPerFlush, DistributionSummary itemsPerMessage) {
  }

  private StreamMeters meters(String stream) {
    return streams.computeIfAbsent(stream, s -> new StreamMeters(
        Timer.builder("pantau.flush.duration").tag("stream", s).description("one group commit, claim to commit")
            .publishPercentileHistogram().register(registry),
        DistributionSummary.builder("pantau.flush.messages").tag("stream", s)
            .description("messages committed together in one flush").register(registry),
        DistributionSummary.builder("pantau.message.items").tag("stream", s)
            .description("readings or events per message").publishPercentileHistogram().register(registry)));
  }

  /**
   * A counter kept by {@code owner} (a component's own count), exposed under {@code name} with an
   * optional tag. Micrometer holds the owner weakly: it must be a long-lived component.
   */
  public <T> void countOf(String name, String description, T owner, java.util.function.ToLongFunction<T> count,
                          String... tag) {
    FunctionCounter.Builder<T> b = FunctionCounter.builder(name, owner, o -> count.applyAsLong(o)).description(description);
    if (tag.length == 2) {
      b.tag(tag[0], tag[1]);
    }
    b.register(registry);
  }

  /** A value kept by {@code owner}, exposed as a gauge (held weakly, as {@link #countOf}). */
  public <T> void gaugeOf(String name, String description, T owner, java.util.function.ToLongFunction<T> value) {
    Gauge.builder(name, owner, o -> value.applyAsLong(o)).description(description).register(registry);
  }

  private void counter(String name, LongAdder count, String tag, String value, String description) {
    FunctionCounter.Builder<LongAdder> b = FunctionCounter.builder(name, count, LongAdder::sum).description(description);
    if (tag != null) {
      b.tag(tag, value);
    }
    b.register(registry);
  }

  public void storedTelemetry(int batches, int duplicates, long readings) {
    storedBatches.add(batches);
    duplicateBatches.add(duplicates);
    storedReadings.add(readings);
  }

  public void storedComplaints(int batches, int duplicates, long events) {
    storedComplaintBatches.add(batches);
    duplicateBatches.add(duplicates);
    storedComplaintEvents.add(events);
  }

  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  public void connectRefused() {
    refusedConnects.increment();
  }

  public void overloadDisconnect() {
    overloadDisconnects.increment();
  }

  public void rateLimitDisconnect() {
    rateLimitDisconnects.increment();
  }

  public void connected() {
    connections.incrementAndGet();
  }

  public void disconnected() {
    connections.decrementAndGet();
  }

  public long storedReadings() {
    return storedReadings.sum();
  }

  public long rejectedCount(RejectReason reason) {
    return rejected.get(reason).sum();
  }

  public JsonObject snapshot() {
    JsonObject byReason = new JsonObject();
    rejected.forEach((reason, count) -> byReason.put(reason.label(), count.sum()));
    return new JsonObject()
        .put("connections", connections.get())
        .put("storedBatches", storedBatches.sum())
        .put("duplicateBatches", duplicateBatches.sum())
        .put("storedReadings", storedReadings.sum())
        .put("storedComplaintBatches", storedComplaintBatches.sum())
        .put("storedComplaintEvents", storedComplaintEvents.sum())
        .put("refusedConnects", refusedConnects.sum())
        .put("overloadDisconnects", overloadDisconnects.sum())
        .put("rateLimitDisconnects", rateLimitDisconnects.sum())
        .put("rejectedBatches", byReason);
  }
}
