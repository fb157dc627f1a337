package id.pantau.ingest.mqtt;

import id.pantau.store.GatewayStore;
import id.pantau.ingest.IngestMetrics;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway presence in the database. vertx-mqtt parses a Will but never publishes it, so the
 * server marks a gateway offline itself when its connection ends. Writes run one at a time on
 * their own thread, in the order they happened, so a connection's "online" is never overtaken by
 * its "offline"; and, the writes being the node's own business rather than Vert.x's, shutting
 * down simply drops those still queued and marks the whole node offline in one statement.
 * What a gateway reports on its {@code status} topic is coalesced per connection: at most one such
 * write waits, carrying the latest state, so a gateway repeating its status while the database
 * is slow holds one queued write, not one per message.
 */
final class Presence {
  private static final Logger log = LoggerFactory.getLogger(Presence.class);

  private final GatewayStore store;
  private final String node;
  private final Map<Long, Write> reported = new ConcurrentHashMap<>(); // connection -> latest status not yet written
  private final AtomicInteger queued = new AtomicInteger();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pantau-presence");
    t.setDaemon(true);
    return t;
  });

  Presence(GatewayStore store, String node, IngestMetrics metrics) {
    this.store = store;
    this.node = node;
    metrics.gaugeOf("pantau.presence.queued", "gateway presence writes waiting for the database", this,
        Presence::queued);
  }

  /** The gateway said it is online or offline on its status topic (usually its Will, relayed). */
  void reported(String gatewayId, long connectionId, boolean online) {
    Write w = online ? () -> store.markOnline(gatewayId, node, connectionId)
        : () -> store.markOffline(gatewayId, connectionId, "gateway reported offline");
    if (reported.put(connectionId, w) == null) {
      write(gatewayId, "reported", () -> {
        Write latest = reported.remove(connectionId);
        if (latest != null) {
          latest.run();
        }
      });
    }
  }

  /** Presence writes waiting to run. */
  int queued() {
    return queued.get();
  }

  void online(String gatewayId, long connectionId) {
    write(gatewayId, "online", () -> store.markOnline(gatewayId, node, connectionId));
  }

  void offline(String gatewayId, long connectionId, String reason) {
    write(gatewayId, "offline", () -> store.markOffline(gatewayId, connectionId, reason));
  }

  /**
   * At shutdown every connection closes at once: the writes still queued are dropped, and the
   * node marks all its gateways offline in one statement instead ({@link #markAllOffline}).
   */
  void stop() {
    writer.shutdownNow();
  }

  /** Every gateway this node had: offline, in one statement. */
  int markAllOffline() throws SQLException {
    return store.markNodeOffline(node);
  }

  private interface Write {
    void run() throws SQLException;
  }

  private void write(String gatewayId, String state, Write w) {
    try {
      queued.incrementAndGet();
      writer.execute(() -> {
        queued.decrementAndGet();
        try {
          w.run();
        } catch (SQLException e) {
          log.warn("presence not stored gateway={} state={}: {}", gatewayId, state, e.toString());
        }
      });
    } catch (RejectedExecutionException stopping) {
      queued.decrementAndGet(); // shutting down: markAllOffline covers it
    }
  }
}
