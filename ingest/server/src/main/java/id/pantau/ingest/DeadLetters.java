package id.pantau.ingest;

import id.pantau.store.DeadLetter;
import id.pantau.store.DeadLetterStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps rejected payloads for diagnosis, off the event loop. A dead letter that cannot be
 * written is logged and counted by the caller's rejection counter; it never blocks the
 * gateway's acknowledgement for long, because a rejection promises nothing about storage.
 */
public final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final Vertx vertx;
  private final DeadLetterStore store;

  public DeadLetters(Vertx vertx, DeadLetterStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Completes (always successfully) once the row is written or the attempt failed. */
  public Future<Void> keep(DeadLetter letter) {
    return vertx.<Void>executeBlocking(() -> {
      store.insert(letter);
      return null;
    }, false).recover(e -> {
      log.warn("dead letter not stored gateway={} topic={} reason={}: {}", letter.gatewayId(), letter.topic(),
          letter.rejection().reason().label(), e.toString());
      return Future.succeededFuture();
    });
  }
}
