package id.pantau.ingest.mqtt;

import id.pantau.store.GatewayStore;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway presence in the database. vertx-mqtt parses a Will but never publishes it, so the
 * server marks a gateway offline itself when its connection ends. Writes run on a worker,
 * ordered per event loop, so a connection's "online" is never overtaken by its "offline".
 */
final class Presence {
  private static final Logger log = LoggerFactory.getLogger(Presence.class);

  private final Vertx vertx;
  private final GatewayStore store;
  private final String node;

  Presence(Vertx vertx, GatewayStore store, String node) {
    this.vertx = vertx;
    this.store = store;
    this.node = node;
  }

  void online(String gatewayId, long connectionId) {
    vertx.executeBlocking(() -> {
      store.markOnline(gatewayId, node, connectionId);
      return null;
    }, true).onFailure(e -> log.warn("presence not stored gateway={} state=online: {}", gatewayId, e.toString()));
  }

  void offline(String gatewayId, long connectionId, String reason) {
    vertx.executeBlocking(() -> {
      store.markOffline(gatewayId, connectionId, reason);
      return null;
    }, true).onFailure(e -> log.warn("presence not stored gateway={} state=offline: {}", gatewayId, e.toString()));
  }
}
