package id.pantau.ingest.mqtt;

import id.pantau.store.GatewayStore;
import io.vertx.core.Vertx;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the live connection of a gateway an administrator disabled. The flag is in the
 * database (set through the admin API on any node), so every ingest node polls the few disabled
 * ids; a disabled gateway's next login is refused by {@link GatewayAuthenticator}.
 */
final class DisabledGateways {
  static final long POLL_MS = 2_000;
  private static final Logger log = LoggerFactory.getLogger(DisabledGateways.class);

  private DisabledGateways() {
  }

  static void start(Vertx vertx, GatewayStore store, GatewaySessions sessions) {
    boolean[] running = {false};
    vertx.setPeriodic(POLL_MS, t -> {
      if (running[0] || sessions.size() == 0) {
        return;
      }
      running[0] = true;
      vertx.executeBlocking(store::disabledIds, false).onComplete(r -> {
        running[0] = false;
        if (r.failed()) {
          log.debug("cannot read the disabled gateways: {}", r.cause().toString());
          return;
        }
        close(r.result(), sessions);
      });
    });
  }

  private static void close(Set<String> disabled, GatewaySessions sessions) {
    if (!disabled.isEmpty()) {
      sessions.forEach(c -> {
        if (disabled.contains(c.gatewayId())) {
          c.disabledByAdministrator();
        }
      });
    }
  }
}
