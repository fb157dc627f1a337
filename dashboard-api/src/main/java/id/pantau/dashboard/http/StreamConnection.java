package id.pantau.dashboard.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One screen's Server-Sent Events connection, with a bounded queue: the names of the views
 * that changed since the last write, at most one each. Snapshots supersede each other, so when
 * a view changes again before its last change was written, only the newest is sent; a screen
 * that reads slowly skips to the newest state, and one that does not read at all holds no more
 * than what the socket's write queue holds plus its pending view names. The pending views go
 * out together, in one write, only when the write queue is not full, and again when it drains.
 * Every event of a write carries the city's version then current, so a screen that has an id
 * has every view of that version (as long as it got the whole write). A screen may ask for only
 * some views, and for deltas: then the connection remembers, per view, the ETag it was last
 * sent, so that the next change can be sent as a delta from it. Runs on the API verticle's event
 * loop.
 */
final class StreamConnection {
  /** Where the newest encoded events come from. */
  interface Events {
    /**
     * The views' newest events for the screen, each with the city's current version as id; null
     * when there is nothing to send. For a screen that takes deltas, {@code held} (view to the
     * ETag it was last sent) is read, to send a delta where it holds the version before, and
     * updated with what is sent.
     */
    Buffer events(Screen screen, Collection<String> views, Map<String, String> held);

    /** A comment line, for keeping idle connections open through proxies. */
    Buffer keepalive(boolean gzip);
  }

  /**
   * What a screen asked for.
   *
   * @param kecamatan the one kecamatan this screen is sent (null: the whole city)
   * @param gzip whether the stream is gzip (each event a shared deflated piece)
   * @param deltas whether a changed view is sent as a delta from the version the screen holds
   * @param views the views it is sent (null: all)
   */
  record Screen(String city, String kecamatan, boolean gzip, boolean deltas, Set<String> views) {
    boolean wants(String view) {
      return views == null || views.contains(view);
    }
  }

  private final HttpServerResponse response;
  private final Screen screen;
  private final String address;
  private final Events events;
  private final Set<String> pending = new LinkedHashSet<>();
  private final Map<String, String> held = new HashMap<>();
  private long superseded;

  StreamConnection(HttpServerResponse response, Screen screen, String address, Events events) {
    this.response = response;
    this.screen = screen;
    this.address = address;
    this.events = events;
    response.drainHandler(v -> drain());
  }

  String city() {
    return screen.city();
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
      if (screen.wants(view) && !pending.add(view)) {
        superseded++;
      }
    }
    drain();
  }

  /** A comment line that keeps proxies from timing the connection out; skipped while events wait. */
  void keepalive() {
    if (pending.isEmpty() && !response.closed() && !response.writeQueueFull()) {
      response.write(events.keepalive(screen.gzip()));
    }
  }

  private void drain() {
    if (pending.isEmpty() || response.closed() || response.writeQueueFull()) {
      return;
    }
    Buffer batch = events.events(screen, pending, held);
    pending.clear();
    if (batch != null) {
      response.write(batch);
    }
  }
}
