package id.pantau.ingest.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed password logins counted per source address first, over a window, the way Mosquitto,
 * EMQX and HiveMQ limit authentication failures per client address. Two counts:
 * <ul>
 *   <li>per (gateway id, address): past {@code limit}, that id is refused from that address
 *       only. A wrong password sent from one address never refuses the right one sent from
 *       another, so an attacker who knows the (public) gateway ids cannot lock the fleet out;</li>
 *   <li>per address: every failure from it (wrong password, unknown gateway, a user name that is
 *       not the client id, an invalid id), past ten times the limit, refuses everything from it;
 *       ten times because a kecamatan's gateways may share one NAT address.</li>
 * </ul>
 * Refusals cost a map lookup, never a hash. IPv6 addresses are counted per /64, which one
 * client can fill with addresses. Both maps are bounded; when one is full, expired windows go
 * first, then windows still below the limit (losing one costs at most {@code limit - 1} more
 * guesses, still bounded by the address count), so a flood of made-up keys never stops the
 * counting of new ones. Certificate logins never get here. Thread-safe: all listener instances
 * share one.
 */
final class LoginThrottle {
  static final int MAX_TRACKED = 100_000;
  static final int ADDRESS_FACTOR = 10;

  private record Window(long startMillis, int failures) {
  }

  private final int limit;
  private final long windowMillis;
  private final int maxTracked;
  private final Map<String, Window> byGatewayAndAddress = new ConcurrentHashMap<>();
  private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

  LoginThrottle(int limit, long windowMillis) {
    this(limit, windowMillis, MAX_TRACKED);
  }

  LoginThrottle(int limit, long windowMillis, int maxTracked) {
    this.limit = limit;
    this.windowMillis = windowMillis;
    this.maxTracked = maxTracked;
  }

  /** False when this address, or this id from this address, has failed too often within the window. */
  boolean allowed(String gatewayId, String address, long nowMillis) {
    String source = source(address);
    return failures(byAddress, source, nowMillis) < limit * ADDRESS_FACTOR
        && failures(byGatewayAndAddress, pair(gatewayId, source), nowMillis) < limit;
  }

  /** Whether this address failed any login within the window. */
  boolean hasFailed(String address, long nowMillis) {
    return failures(byAddress, source(address), nowMillis) > 0;
  }

  /** A failed login from this address (the id may be null or made up: it is counted all the same). */
  void failed(String gatewayId, String address, long nowMillis) {
    String source = source(address);
    count(byAddress, source, nowMillis, limit * ADDRESS_FACTOR);
    count(byGatewayAndAddress, pair(gatewayId, source), nowMillis, limit);
  }

  /** The right password from this address: that id's failures from there are forgiven. */
  void succeeded(String gatewayId, String address) {
    String key = pair(gatewayId, source(address));
    if (key != null) {
      byGatewayAndAddress.remove(key);
    }
  }

  /** Drops expired windows; called periodically. */
  void expire(long nowMillis) {
    byGatewayAndAddress.values().removeIf(w -> expired(w, nowMillis));
    byAddress.values().removeIf(w -> expired(w, nowMillis));
  }

  long retryAfterSeconds() {
    return Math.max(1, windowMillis / 1000);
  }

  int tracked() {
    return byGatewayAndAddress.size() + byAddress.size();
  }

  /** The key an address is counted under: IPv4 as is, IPv6 by its /64 prefix. */
  static String source(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
      }
      return prefix.append(":/64").toString();
    } catch (java.net.UnknownHostException literalOnly) {
      return address; // a literal never needs a lookup; this cannot happen
    }
  }

  private static String pair(String gatewayId, String source) {
    return source == null ? null : (gatewayId == null ? "" : gatewayId) + '@' + source;
  }

  private boolean expired(Window w, long now) {
    return now - w.startMillis() >= windowMillis;
  }

  private int failures(Map<String, Window> map, String key, long now) {
    if (key == null) {
      return 0;
    }
    Window w = map.get(key);
    return w == null || expired(w, now) ? 0 : w.failures();
  }

  private void count(Map<String, Window> map, String key, long now, int mapLimit) {
    if (key == null) {
      return;
    }
    if (map.size() >= maxTracked && !map.containsKey(key)) {
      makeRoom(map, now, mapLimit);
    }
    map.compute(key, (k, w) -> w == null || expired(w, now)
        ? new Window(now, 1) : new Window(w.startMillis(), w.failures() + 1));
  }

  /** Expired windows first, then those still below the limit; as a last resort, a tenth of them. */
  private void makeRoom(Map<String, Window> map, long now, int mapLimit) {
    map.values().removeIf(w -> expired(w, now));
    if (map.size() >= maxTracked) {
      map.values().removeIf(w -> w.failures() < mapLimit);
    }
    var keys = map.keySet().iterator();
    while (map.size() >= maxTracked - maxTracked / 10 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
