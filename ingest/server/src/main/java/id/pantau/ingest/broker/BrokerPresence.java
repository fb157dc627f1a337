package id.pantau.ingest.broker;

import id.pantau.store.GatewayStore;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway presence in broker mode. The broker, not Pantau, holds the gateways' connections, so
 * a gateway counts as online while its batches keep coming (whichever node stores them) and as
 * offline once none has come for {@code broker.presenceTimeout}. Every broker-mode node runs the
 * same idempotent statement; only changes are written, and each is logged once.
 */
final class BrokerPresence {
  private static final Logger log = LoggerFactory.getLogger(BrokerPresence.class);

  private final Vertx vertx;
  private final GatewayStore store;
  private final Duration timeout;
  private boolean running;

  BrokerPresence(Vertx vertx, GatewayStore store, Duration timeout) {
    this.vertx = vertx;
    this.store = store;
    this.timeout = timeout;
  }

  /** Checks a few times per timeout (at most every 10 s), from the calling verticle's context. */
  void start() {
    long everyMs = Math.max(1_000, Math.min(10_000, timeout.toMillis() / 3));
    vertx.setPeriodic(everyMs, t -> check());
  }

  private void check() {
    if (running) {
      return;
    }
    running = true;
    vertx.executeBlocking(() -> store.presenceFromTraffic(timeout), false).onComplete(r -> {
      running = false;
      if (r.failed()) {
        log.warn("gateway presence not updated (broker mode): {}", r.cause().toString());
        return;
      }
      for (Map.Entry<String, Boolean> change : r.result().entrySet()) {
        if (change.getValue()) {
          log.info("gateway online (broker mode: its batches are coming) gateway={}", change.getKey());
        } else {
          log.info("gateway offline (broker mode: no batch for {} s) gateway={}", timeout.toSeconds(), change.getKey());
        }
      }
    });
  }
}
