package id.pantau.ingest;

import id.pantau.ingest.batch.GroupCommitBatcher;
import id.pantau.ingest.batch.StoreCompletion;
import id.pantau.wire.BatchDecoder;
import id.pantau.wire.RejectedException;
import id.pantau.wire.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * One stream (telemetry or complaints) from decode to commit. Decoding and validation run on
 * the caller's event loop (cheap, streaming); the write goes to the stream's group-commit
 * batcher; the returned future completes on the caller's context once the batch is committed.
 *
 * @param <B> the decoded batch
 * @param <W> what the store writes: the batch bound to its gateway's kecamatan
 */
public final class StreamIngest<B, W> {
  private final BatchDecoder<?, B> decoder;
  private final GroupCommitBatcher<W> batcher;
  private final BiFunction<B, GatewayIdentity, W> bind;
  private final ToIntFunction<B> items;

  public StreamIngest(BatchDecoder<?, B> decoder, GroupCommitBatcher<W> batcher,
                      BiFunction<B, GatewayIdentity, W> bind, ToIntFunction<B> items) {
    this.decoder = decoder;
    this.batcher = batcher;
    this.bind = bind;
    this.items = items;
  }

  /**
   * @return succeeded once stored; failed with {@link RejectedException} when the batch is
   *     refused, or with {@link OverloadedException} when the buffer is full (not stored, not
   *     to be acknowledged)
   */
  public Future<Void> ingest(GatewayIdentity gateway, byte[] payload, Context context) {
    B batch;
    try {
      batch = decoder.decode(payload, gateway.gatewayId(), System.currentTimeMillis());
    } catch (RejectedException e) {
      return Future.failedFuture(e);
    }
    Promise<Void> promise = Promise.promise();
    boolean queued = batcher.submit(bind.apply(batch, gateway), items.applyAsInt(batch), payload.length,
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
      return Future.failedFuture(batcher.stopping() ? OverloadedException.shuttingDown()
          : OverloadedException.bufferFull(batcher.bufferedBytes()));
    }
    return promise.future();
  }

  public boolean storeAvailable() {
    return batcher.storeAvailable();
  }

  /** True once the server began shutting down. */
  public boolean stopping() {
    return batcher.stopping();
  }

  /** False when the buffer is full: new connections are refused until it drains. */
  public boolean hasRoom() {
    return batcher.hasRoomFor(0);
  }
}
