package id.pantau.ingest.mqtt;

import id.pantau.store.DownlinkStore;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the downlink table and hands each new message to the gateways connected to this
 * node. Any node (an API node taking an operator's instruction, or the alert engine) writes
 * the message; every ingest node reads it, so the gateway gets it wherever it is connected.
 * Polling the table every half second keeps that true without a broker between nodes.
 */
public final class DownlinkDispatcher {
  private static final Logger log = LoggerFactory.getLogger(DownlinkDispatcher.class);
  private static final long POLL_MILLIS = 500;

  private final Vertx vertx;
  private final DownlinkStore store;
  private final GatewaySessions sessions;
  private long lastId = -1;
  private long timer = -1;
  private boolean polling;

  DownlinkDispatcher(Vertx vertx, DownlinkStore store, GatewaySessions sessions) {
    this.vertx = vertx;
    this.store = store;
    this.sessions = sessions;
  }

  /**
   * Blocking: call at start-up, before gateways can connect. Messages already in the table are
   * not this node's to push; they are delivered as owed when a persistent session comes back.
   */
  public void start() {
    try {
      lastId = store.newestId();
    } catch (java.sql.SQLException e) {
      log.warn("cannot read the newest downlink message ({}); following from the first poll", e.toString());
    }
    timer = vertx.setPeriodic(POLL_MILLIS, t -> poll());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  private void poll() {
    if (polling) {
      return;
    }
    polling = true;
    vertx.executeBlocking(() -> {
      if (lastId < 0) {
        lastId = store.newestId(); // earlier messages are delivered as owed, on (re)connect
        return List.<DownlinkStore.Message>of();
      }
      return store.after(lastId, 1000);
    }, false).onComplete(r -> {
      polling = false;
      if (r.failed()) {
        log.debug("downlink poll failed: {}", r.cause().toString());
        return;
      }
      for (DownlinkStore.Message m : r.result()) {
        lastId = Math.max(lastId, m.id());
        sessions.forEach(c -> c.offerDownlink(m));
      }
    });
  }
}
