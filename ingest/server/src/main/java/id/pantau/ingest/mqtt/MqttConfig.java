package id.pantau.ingest.mqtt;

import id.pantau.config.ConfigTree;
import id.pantau.wire.DecodeLimits;
import id.pantau.wire.Ids;

/**
 * The MQTT listener. {@code maxPacketBytes} is the transport limit, above the protocol's
 * 1 MiB payload so that a payload a little too large is still read and refused with a
 * reason (0x95) instead of costing the gateway its connection.
 */
public record MqttConfig(String host, int port, int instances, int maxPacketBytes, int receiveMaximum,
                         int connectTimeoutSeconds, int loginFailureLimit, java.time.Duration loginFailureWindow) {

  public MqttConfig {
    if (maxPacketBytes < DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES + 1024) {
      throw new IllegalArgumentException("mqtt.maxPacketBytes must leave room for a 1 MiB payload plus headers");
    }
  }

  public static MqttConfig from(ConfigTree c) {
    return new MqttConfig(
        c.string("mqtt.host"),
        c.integer("mqtt.port", 0, 65535),
        c.integer("mqtt.instances", 0, 256),
        c.integer("mqtt.maxPacketBytes", DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES + 1024, 256 * 1024 * 1024),
        c.integer("mqtt.receiveMaximum", 1, 65535),
        c.integer("mqtt.connectTimeoutSeconds", 1, 600),
        c.integer("security.loginFailureLimit", 1, 1_000_000),
        c.duration("security.loginFailureWindow"));
  }

  /** Verticle instances; 0 in the configuration means one per core. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  /** Client ids are gateway ids. */
  public int maxClientIdLength() {
    return Ids.MAX_LENGTH;
  }
}
