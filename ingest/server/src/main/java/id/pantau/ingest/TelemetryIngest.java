package id.pantau.ingest;

import id.pantau.ingest.batch.GroupCommitBatcher;
import id.pantau.ingest.batch.StoreCompletion;
import id.pantau.store.TelemetryWrite;
import id.pantau.wire.RejectedException;
import id.pantau.wire.Rejection;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryDecoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One telemetry message from decode to commit. Decoding and validation run on the caller's
 * event loop (cheap, streaming); the write goes to the group-commit batcher; the returned
 * future completes on the caller's context once the batch is committed.
 */
public final class TelemetryIngest {
  private final TelemetryDecoder decoder;
  private final GroupCommitBatcher<TelemetryWrite> batcher;

  public TelemetryIngest(TelemetryDecoder decoder, GroupCommitBatcher<TelemetryWrite> batcher) {
    this.decoder = decoder;
    this.batcher = batcher;
  }

  /**
   * @return succeeded once stored; failed with {@link RejectedException} when the batch is
   *     refused, or with {@link OverloadedException} when the buffer is full (not stored, not
   *     to be acknowledged)
   */
  public Future<Void> ingest(GatewayIdentity gateway, byte[] payload, Context context) {
    TelemetryBatch batch;
    try {
      batch = decoder.decode(payload, gateway.gatewayId(), System.currentTimeMillis());
    } catch (RejectedException e) {
      return Future.failedFuture(e);
    }
    Promise<Void> promise = Promise.promise();
    boolean queued = batcher.submit(new TelemetryWrite(batch, gateway.kecamatan()), batch.size(), payload.length,
        new StoreCompletion() {
          @Override
          public void stored() {
            context.runOnContext(v -> promise.complete());
          }

          @Override
          public void refused(Rejection rejection) {
            context.runOnContext(v -> promise.fail(new RejectedException(rejection)));
          }
        });
    if (!queued) {
      return Future.failedFuture(new OverloadedException(batcher.bufferedBytes()));
    }
    return promise.future();
  }

  public boolean storeAvailable() {
    return batcher.storeAvailable();
  }

  /** False when the buffer is full: new connections are refused until it drains. */
  public boolean hasRoom() {
    return batcher.hasRoomFor(0);
  }
}
