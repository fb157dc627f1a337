package id.pantau.ingest.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one live connection per gateway, across all verticle instances. A gateway that
 * connects again takes its session over and the older connection is closed (MQTT §3.1.4).
 */
final class GatewaySessions {
  // Seeded from the clock so connection ids stay unique across restarts of the server.
  private final AtomicLong nextConnectionId = new AtomicLong(System.currentTimeMillis() * 1000);
  private final Map<String, GatewayConnection> live = new ConcurrentHashMap<>();

  long newConnectionId() {
    return nextConnectionId.incrementAndGet();
  }

  /** Registers the connection; closes the one it replaces, if any. */
  void register(GatewayConnection connection) {
    GatewayConnection previous = live.put(connection.gatewayId(), connection);
    if (previous != null && previous != connection) {
      previous.takenOver();
    }
  }

  /** @return true when this connection was still the gateway's live one */
  boolean remove(GatewayConnection connection) {
    return live.remove(connection.gatewayId(), connection);
  }

  /** Calls the action for every live connection (it must hop to the connection's own context). */
  void forEach(java.util.function.Consumer<GatewayConnection> action) {
    live.values().forEach(action);
  }

  int size() {
    return live.size();
  }
}
