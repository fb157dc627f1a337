package id.pantau.ingest;

import id.pantau.ingest.batch.GroupCommitBatcher;
import id.pantau.wire.BatchDecoder;
import id.pantau.wire.RejectedException;
import id.pantau.wire.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One stream (telemetry or complaints) from decode to commit. Decoding and validation run on
 * the caller's event loop (cheap, streaming); a write the store can refuse from what it already
 * knows (a sensor of another kecamatan) is refused before it joins a flush; the rest goes to the
 * stream's group-commit batcher. The returned future always succeeds, on the caller's context,
 * with the message's {@link IngestOutcome}; a committed one only once the batch is committed.
 *
 * @param <B> the decoded batch
 * @param <W> what the store writes: the batch bound to its gateway's kecamatan
 */
public final class StreamIngest<B, W> {
  private final BatchDecoder<?, B> decoder;
  private final GroupCommitBatcher<W> batcher;
  private final BiFunction<B, GatewayIdentity, W> bind;
  private final ToIntFunction<B> items;
  private final Function<W, Rejection> refusalBeforeFlush;

  /** @param refusalBeforeFlush why the store would refuse a write, known without a transaction; null if none */
  public StreamIngest(BatchDecoder<?, B> decoder, GroupCommitBatcher<W> batcher, BiFunction<B, GatewayIdentity, W> bind,
                      ToIntFunction<B> items, Function<W, Rejection> refusalBeforeFlush) {
    this.decoder = decoder;
    this.batcher = batcher;
    this.bind = bind;
    this.items = items;
    this.refusalBeforeFlush = refusalBeforeFlush;
  }

  public Future<IngestOutcome> ingest(GatewayIdentity gateway, byte[] payload, Context context) {
    B batch;
    try {
      batch = decoder.decode(payload, gateway.gatewayId(), System.currentTimeMillis());
    } catch (RejectedException e) {
      return Future.succeededFuture(IngestOutcome.refused(e.rejection()));
    }
    W write = bind.apply(batch, gateway);
    Rejection refused = refusalBeforeFlush.apply(write);
    if (refused != null) {
      return Future.succeededFuture(IngestOutcome.refused(refused));
    }
    return Future.fromCompletionStage(batcher.submit(write, items.applyAsInt(batch), payload.length), context);
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
