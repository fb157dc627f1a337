package id.pantau.dashboard.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;

/**
 * Hangs up on a request that was refused before its body was read, without losing the answer.
 *
 * <p>Closing a socket while the client's body is still arriving makes the kernel answer the
 * unread bytes with a reset, and a reset can destroy the refusal in the client's receive buffer
 * before the client reads it: the client then sees "connection reset" instead of its 401 or 413.
 * So, as web servers' "lingering close" does, the rest of the body is read and thrown away (never
 * buffered, never written anywhere) until it ends, up to {@link #MAX_DISCARDED_BYTES} or
 * {@link #MAX_LINGER_MS}, whichever comes first; only then is the connection closed.
 */
final class LingeringClose {
  /** Beyond this much body the client is not listening to the answer anyway. */
  static final long MAX_DISCARDED_BYTES = 1 << 20;
  /** A client that announced a body and sends none is not waited for longer than this. */
  static final long MAX_LINGER_MS = 2_000;

  private LingeringClose() {
  }

  /**
   * Discards what is left of {@code request}'s body, then closes its connection once
   * {@code answered} has completed too. Call it before the request ends, in the same event-loop
   * turn that decided to refuse it.
   */
  static void after(HttpServerRequest request, Future<Void> answered, io.vertx.core.Vertx vertx) {
    Promise<Void> drained = Promise.promise();
    long[] discarded = {0};
    request.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > MAX_DISCARDED_BYTES) {
        drained.tryComplete();
      }
    });
    request.endHandler(v -> drained.tryComplete());
    request.exceptionHandler(e -> drained.tryComplete());
    long timer = vertx.setTimer(MAX_LINGER_MS, id -> drained.tryComplete());
    request.resume();
    Future.join(answered, drained.future()).onComplete(v -> {
      vertx.cancelTimer(timer);
      request.connection().close();
    });
  }
}
