package id.pantau.ingest.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per gateway id and per remote address over a window. Past the limit,
 * further attempts are refused at once, before any password hashing: a guessing or CONNECT
 * flood costs the server a map lookup, not a PBKDF2 computation. A wrong password counts
 * against its gateway id; a login as an unknown gateway (a scan) counts against the address as
 * well, which gets ten times the limit of an id because a kecamatan's gateways may share one
 * NAT address, and a misconfigured but known gateway must not lock its neighbours out. A
 * successful login clears its gateway's count. Thread-safe: all verticle instances share one.
 */
final class LoginThrottle {
  /** Entries kept at most per map, so a flood of made-up ids cannot grow memory without bound. */
  private static final int MAX_TRACKED = 100_000;
  private static final int ADDRESS_FACTOR = 10;

  private record Window(long startMillis, int failures) {
  }

  private final int limit;
  private final long windowMillis;
  private final Map<String, Window> byGateway = new ConcurrentHashMap<>();
  private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

  LoginThrottle(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /** False when the id or the address has failed too often within the window. */
  boolean allowed(String gatewayId, String address, long nowMillis) {
    return failures(byGateway, gatewayId, nowMillis) < limit
        && failures(byAddress, address, nowMillis) < limit * ADDRESS_FACTOR;
  }

  void failed(String gatewayId, String address, boolean unknownGateway, long nowMillis) {
    count(byGateway, gatewayId, nowMillis);
    if (unknownGateway) {
      count(byAddress, address, nowMillis);
    }
  }

  void succeeded(String gatewayId) {
    if (gatewayId != null) {
      byGateway.remove(gatewayId);
    }
  }

  /** Drops expired windows; called periodically. */
  void expire(long nowMillis) {
    byGateway.values().removeIf(w -> nowMillis - w.startMillis() >= windowMillis);
    byAddress.values().removeIf(w -> nowMillis - w.startMillis() >= windowMillis);
  }

  long retryAfterSeconds() {
    return Math.max(1, windowMillis / 1000);
  }

  private int failures(Map<String, Window> map, String key, long now) {
    if (key == null) {
      return 0;
    }
    Window w = map.get(key);
    return w == null || now - w.startMillis() >= windowMillis ? 0 : w.failures();
  }

  private void count(Map<String, Window> map, String key, long now) {
    if (key == null || (map.size() >= MAX_TRACKED && !map.containsKey(key))) {
      return;
    }
    map.compute(key, (k, w) -> w == null || now - w.startMillis() >= windowMillis
        ? new Window(now, 1) : new Window(w.startMillis(), w.failures() + 1));
  }
}
