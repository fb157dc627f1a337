package id.pantau.dashboard.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One screen's Server-Sent Events connection, with a bounded queue: at most one pending event
 * per view. Snapshots supersede each other, so when a view changes again before its last
 * change was written, only the newest is sent; a screen that reads slowly skips to the newest
 * state, and one that does not read at all holds no more than what the socket's write queue
 * holds plus its pending view names. Events are written only while the write queue is not
 * full, and writing resumes when it drains.
 *
 * <p>An event carries an {@code id} only when it leaves nothing pending, so a screen's
 * {@code Last-Event-ID} names a version it has whole; one that reconnects part-way through a
 * catch-up gets the full snapshot again. Runs on the API verticle's event loop.
 */
final class StreamConnection {
  /** Where the newest encoded event of a view comes from. */
  interface Events {
    /**
     * The view's newest event, ending with the city's current version as its id when
     * {@code last}, or null when the view has no data yet.
     */
    Buffer frame(String city, String view, boolean last);

    /** A comment line, for keeping idle connections open through proxies. */
    Buffer keepalive();
  }

  private final HttpServerResponse response;
  private final String city;
  private final String address;
  private final Events events;
  private final Set<String> pending = new LinkedHashSet<>();
  private long superseded;

  StreamConnection(HttpServerResponse response, String city, String address, Events events) {
    this.response = response;
    this.city = city;
    this.address = address;
    this.events = events;
    response.drainHandler(v -> drain());
  }

  String city() {
    return city;
  }

  String address() {
    return address;
  }

  /** Events replaced by a newer one before they could be written (the screen was not keeping up). */
  long superseded() {
    return superseded;
  }

  /** Views whose newest state this screen has not been sent yet. */
  int pending() {
    return pending.size();
  }

  /** These views changed: queue them (replacing any pending event of the same view) and write what fits. */
  void changed(Collection<String> views) {
    for (String view : views) {
      if (!pending.add(view)) {
        superseded++;
      }
    }
    drain();
  }

  /** A comment line that keeps proxies from timing the connection out; skipped while events wait. */
  void keepalive() {
    if (pending.isEmpty() && !response.closed() && !response.writeQueueFull()) {
      response.write(events.keepalive());
    }
  }

  private void drain() {
    Iterator<String> next = pending.iterator();
    while (next.hasNext() && !response.closed() && !response.writeQueueFull()) {
      String view = next.next();
      next.remove();
      Buffer frame = events.frame(city, view, pending.isEmpty());
      if (frame != null) {
        response.write(frame);
      }
    }
  }
}
