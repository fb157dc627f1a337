package id.pantau.ingest.mqtt;

import id.pantau.store.GatewayStore;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway presence in the database. vertx-mqtt parses a Will but never publishes it, so the
 * server marks a gateway offline itself when its connection ends. Writes run one at a time on
 * their own thread, in the order they happened, so a connection's "online" is never overtaken by
 * its "offline"; and, the writes being the node's own business rather than Vert.x's, shutting
 * down simply drops those still queued and marks the whole node offline in one statement.
 */
final class Presence {
  private static final Logger log = LoggerFactory.getLogger(Presence.class);

  private final GatewayStore store;
  private final String node;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pantau-presence");
    t.setDaemon(true);
    return t;
  });

  Presence(GatewayStore store, String node) {
    this.store = store;
    this.node = node;
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
      writer.execute(() -> {
        try {
          w.run();
        } catch (SQLException e) {
          log.warn("presence not stored gateway={} state={}: {}", gatewayId, state, e.toString());
        }
      });
    } catch (RejectedExecutionException stopping) {
      // shutting down: markAllOffline covers it
    }
  }
}
