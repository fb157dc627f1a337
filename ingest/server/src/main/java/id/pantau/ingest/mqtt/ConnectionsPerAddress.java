package id.pantau.ingest.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open MQTT connections per source address (IPv6 per /64, as {@link LoginThrottle} counts), capped
 * the way EMQX and HiveMQ cap a client address: one host cannot take the node's sockets, memory and
 * file descriptors from every other gateway. Counted at the socket, before CONNECT is read, so a
 * client that never logs in counts too. A kecamatan's gateways behind one NAT share an address: the
 * cap ({@code mqtt.maxConnectionsPerAddress}) is far above a kecamatan's fleet. Thread-safe: every
 * listener instance shares one.
 */
final class ConnectionsPerAddress {
  private final int limit;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();
  private final LongAdder refused = new LongAdder();

  /** @param limit the most connections one address may hold; 0 for no limit */
  ConnectionsPerAddress(int limit) {
    this.limit = limit;
  }

  /** Counts a new connection from this address; false (and not counted) when the address is at its limit. */
  boolean tryOpen(String address) {
    if (limit == 0 || address == null) {
      return true;
    }
    boolean[] admitted = {false};
    open.compute(LoginThrottle.source(address), (key, n) -> {
      int count = n == null ? 0 : n;
      admitted[0] = count < limit;
      return admitted[0] ? count + 1 : n;
    });
    if (!admitted[0]) {
      refused.increment();
    }
    return admitted[0];
  }

  /** A connection {@link #tryOpen} admitted has closed. */
  void closed(String address) {
    if (limit == 0 || address == null) {
      return;
    }
    open.computeIfPresent(LoginThrottle.source(address), (key, n) -> n <= 1 ? null : n - 1);
  }

  LongAdder refused() {
    return refused;
  }

  /** Addresses holding a connection now; the map never outgrows the open sockets. */
  int addresses() {
    return open.size();
  }
}
