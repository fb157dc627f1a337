package id.pantau.ingest.mqtt;

import id.pantau.store.DownlinkStore;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the downlink table and hands each new message to the gateways connected to this
 * node. Any node (an API node taking an operator's instruction, or the alert engine) writes
 * the message; every ingest node reads it, so the gateway gets it wherever it is connected.
 * Polling the table every half second keeps that true without a broker between nodes.
 *
 * <p>What this node has handed out is its delivery state, not a highest id: ids are given out
 * when a row is inserted, not when it commits, so two nodes writing at once can make a lower id
 * visible after a higher one. Each poll reads every message whose transaction had not finished
 * at the previous poll (the snapshot horizon, {@link DownlinkStore#writtenSince}) and hands out
 * those not handed out yet; a message is forgotten once the horizon has passed its transaction,
 * as no later poll can read it again.
 */
public final class DownlinkDispatcher {
  private static final Logger log = LoggerFactory.getLogger(DownlinkDispatcher.class);
  private static final long POLL_MILLIS = 500;

  private final Vertx vertx;
  private final DownlinkStore store;
  private final GatewaySessions sessions;
  /** Messages handed out (or already there at start) whose transaction the horizon has not passed: id to transaction. */
  private final Map<Long, Long> handedOut = new HashMap<>();
  private Long horizon;
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
      follow(store.writtenSince(null));
    } catch (java.sql.SQLException e) {
      log.warn("cannot read the downlink table ({}); following from the first poll", e.toString());
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
    Long since = horizon;
    vertx.executeBlocking(() -> store.writtenSince(since), false).onComplete(r -> {
      polling = false;
      if (r.failed()) {
        log.debug("downlink poll failed: {}", r.cause().toString());
      } else if (since == null) {
        follow(r.result()); // earlier messages are delivered as owed, on (re)connect
      } else {
        handOut(r.result());
      }
    });
  }

  /** Starts following from what is visible now, handing none of it out. */
  private void follow(DownlinkStore.Written written) {
    written.messages().forEach(e -> handedOut.put(e.message().id(), e.transaction()));
    advance(written.horizon());
  }

  private void handOut(DownlinkStore.Written written) {
    for (DownlinkStore.Written.Entry e : written.messages()) {
      if (handedOut.putIfAbsent(e.message().id(), e.transaction()) == null) {
        sessions.forEach(c -> c.offerDownlink(e.message()));
      }
    }
    advance(written.horizon());
  }

  private void advance(long next) {
    horizon = next;
    handedOut.values().removeIf(transaction -> transaction < next);
  }
}
