package io.vertx.mqtt.impl;

/**
 * Pantau's one door into vertx-mqtt: {@link MqttServerConnection#handleMessage} is package-private,
 * and {@code id.pantau.ingest.mqtt.MqttListener} sets up the connection pipeline itself (to put a
 * malformed-packet guard in front of the decoder, which {@code MqttServer} offers no way to do).
 * Pantau runs on the class path, where this package may be shared; on a vertx-mqtt upgrade,
 * check that the method still exists.
 */
public final class MqttServerConnections {
  private MqttServerConnections() {
  }

  /** Hands one decoded packet to the connection, as {@code MqttServerImpl} does. */
  public static void handle(MqttServerConnection connection, Object msg) {
    synchronized (connection) {
      connection.handleMessage(msg);
    }
  }
}
