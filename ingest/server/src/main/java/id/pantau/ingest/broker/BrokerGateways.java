package id.pantau.ingest.broker;

import id.pantau.store.GatewayStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kecamatan a gateway named in a broker-fed batch belongs to. The broker authenticated
 * the publisher and checked its topic; Pantau still checks that the gateway the payload names is
 * one of that topic's kecamatan. A disabled gateway counts as unknown. Answers are cached for
 * {@link #RECHECK_MS}: a gateway added or disabled since is seen after that.
 */
final class BrokerGateways {
  /** An unknown gateway may be added, a known one disabled: either is seen within this time. */
  static final long RECHECK_MS = 10_000;

  private record Known(Optional<Integer> kecamatanId, long checkedAt) {
  }

  private final Vertx vertx;
  private final GatewayStore store;
  private final Map<String, Known> cache = new ConcurrentHashMap<>();

  BrokerGateways(Vertx vertx, GatewayStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** The gateway's kecamatan id, or empty when there is no such gateway. */
  Future<Optional<Integer>> kecamatanOf(String gatewayId) {
    Known known = cache.get(gatewayId);
    long now = System.currentTimeMillis();
    if (known != null && now - known.checkedAt() < RECHECK_MS) {
      return Future.succeededFuture(known.kecamatanId());
    }
    return vertx.executeBlocking(() -> {
      Optional<Integer> kecamatan = store.find(gatewayId).filter(g -> !g.disabled())
          .map(GatewayStore.StoredGateway::kecamatanId);
      cache.put(gatewayId, new Known(kecamatan, now));
      return kecamatan;
    }, false);
  }
}
