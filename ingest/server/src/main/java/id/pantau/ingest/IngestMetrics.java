package id.pantau.ingest;

import id.pantau.wire.RejectReason;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the ingest path: what was stored, what was refused and why. Thread-safe. */
public final class IngestMetrics {
  private final LongAdder storedBatches = new LongAdder();
  private final LongAdder duplicateBatches = new LongAdder();
  private final LongAdder storedReadings = new LongAdder();
  private final LongAdder storedComplaintBatches = new LongAdder();
  private final LongAdder storedComplaintEvents = new LongAdder();
  private final LongAdder refusedConnects = new LongAdder();
  private final LongAdder overloadDisconnects = new LongAdder();
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

  public IngestMetrics() {
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, new LongAdder());
    }
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
        .put("rejectedBatches", byReason);
  }
}
