package id.pantau.ingest;

import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.ingest.batch.BatcherConfig;
import id.pantau.ingest.batch.GroupCommitBatcher;
import id.pantau.store.ComplaintStore;
import id.pantau.store.ComplaintWrite;
import id.pantau.store.Database;
import id.pantau.store.MetricIds;
import id.pantau.store.SensorPolicy;
import id.pantau.store.TelemetryStore;
import id.pantau.store.TelemetryWrite;
import id.pantau.wire.Rejection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One group-commit batcher per stream, each writing through its store. Complaints are few
 * and their transactions recompute state, so they get one writer of their own and never wait
 * behind telemetry.
 */
public final class Batchers implements AutoCloseable {
  private final GroupCommitBatcher<TelemetryWrite> telemetry;
  private final GroupCommitBatcher<ComplaintWrite> complaints;
  private final IngestMetrics metrics;
  private final TelemetryStore telemetryStore;

  public Batchers(Database database, IngestConfig config, IngestMetrics metrics, CityDirectory cities) {
    this.metrics = metrics;
    telemetryStore = new TelemetryStore(database.dataSource(), MetricIds.sync(database.dataSource()),
        new SensorPolicy(cities::requiresSensorRegistration,
            id -> cities.kecamatan(id).map(KecamatanRef::slug).orElse("#" + id),
            config.maxSensorsPerGateway(), config.maxSensorsPerKecamatan()),
        cities::plausibility);
    var complaintStore = new ComplaintStore(database.dataSource());
    telemetry = new GroupCommitBatcher<>("telemetry", config.batcher(), items -> {
      long start = System.nanoTime();
      var r = telemetryStore.write(items);
      metrics.flushed("telemetry", items.size(), System.nanoTime() - start);
      metrics.storedTelemetry(r.storedBatches(), r.duplicateBatches(), r.storedItems());
      items.forEach(w -> metrics.messageSize("telemetry", w.batch().size()));
      return r;
    });
    BatcherConfig b = config.batcher();
    complaints = new GroupCommitBatcher<>("complaints",
        new BatcherConfig(1, b.maxFlushRows(), b.maxFlushBytes(), b.bufferBytes(), b.retryMin(), b.retryMax()), items -> {
          long start = System.nanoTime();
          var r = complaintStore.write(items);
          metrics.flushed("complaints", items.size(), System.nanoTime() - start);
          metrics.storedComplaints(r.storedBatches(), r.duplicateBatches(), r.storedItems());
          return r;
        });
    metrics.countOf("pantau.ingest.readings.flagged", "readings committed flagged as implausible (also in"
        + " readings.stored), counted in no rollup, KPI or alert", telemetryStore, TelemetryStore::flaggedReadings);
    watch("telemetry", telemetry);
    watch("complaints", complaints);
  }

  /** Transactions and whole-flush refusals per stream: a refused flush costs one transaction per item it held. */
  private void watch(String stream, GroupCommitBatcher<?> batcher) {
    metrics.countOf("pantau.flush.transactions", "write transactions begun (flushes, their retries and splits)",
        batcher, GroupCommitBatcher::transactions, "stream", stream);
    metrics.countOf("pantau.flush.splits", "flushes the database refused whole and that were retried item by item",
        batcher, GroupCommitBatcher::splits, "stream", stream);
  }

  public GroupCommitBatcher<TelemetryWrite> telemetry() {
    return telemetry;
  }

  /** Why a telemetry write must be refused, known before it joins a flush (see {@link TelemetryStore#refusalBeforeFlush}). */
  public Rejection refusalBeforeFlush(TelemetryWrite write) {
    return telemetryStore.refusalBeforeFlush(write);
  }

  public GroupCommitBatcher<ComplaintWrite> complaints() {
    return complaints;
  }

  public long bufferedBytes() {
    return telemetry.bufferedBytes() + complaints.bufferedBytes();
  }

  /** False while either stream cannot write to the database. */
  public boolean storeAvailable() {
    return telemetry.storeAvailable() && complaints.storeAvailable();
  }

  /** While writes fail: what the database said and what to do about it; null otherwise. */
  public String storeFailure() {
    return telemetry.storeFailure() != null ? telemetry.storeFailure() : complaints.storeFailure();
  }

  /** The ingest counters and gauges, for the health endpoint. */
  public JsonObject details() {
    return metrics.snapshot()
        .put("flaggedReadings", telemetryStore.flaggedReadings())
        .put("bufferedBytes", telemetry.bufferedBytes() + complaints.bufferedBytes())
        .put("waitingBatches", telemetry.waitingItems() + complaints.waitingItems());
  }

  /** Lets both streams commit what they hold, up to the timeout, then stops them. */
  public void drain(Duration timeout) {
    long start = System.nanoTime();
    telemetry.drain(timeout);
    Duration left = timeout.minusNanos(System.nanoTime() - start);
    complaints.drain(left.isNegative() ? Duration.ZERO : left);
  }

  @Override
  public void close() {
    telemetry.close();
    complaints.close();
  }
}
