package id.pantau.ingest.mqtt;

import id.pantau.config.ConfigTree;
import id.pantau.config.TlsFiles;
import id.pantau.wire.DecodeLimits;
import id.pantau.wire.Ids;

/**
 * The MQTT listener. {@code maxPacketBytes} is the transport limit, above the protocol's
 * 1 MiB payload so that a payload a little too large is still read and refused with a
 * reason (0x95) instead of costing the gateway its connection.
 */
public record MqttConfig(String host, int port, int instances, int maxPacketBytes, int receiveMaximum,
                         int connectTimeoutSeconds, int maxMessagesPerSecond, int loginFailureLimit,
                         java.time.Duration loginFailureWindow, LoginLimits logins, int maxConnectionsPerAddress,
                         int tlsPort, TlsFiles tls) {

  /**
   * The password hashing of logins: its own threads (0: half the cores), the hashes that may wait
   * for them, and how many of those one address may have waiting or running.
   */
  public record LoginLimits(int hashThreads, int hashQueue, int hashesPerAddress) {
    public int effectiveThreads() {
      return hashThreads > 0 ? hashThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
  }

  public MqttConfig {
    if (port < 0 && tls == null) {
      throw new id.pantau.config.ConfigException("mqtt.port", "-1 turns the plain listener off, but mqtt.tls has no certificate");
    }
    if (tls != null && tls.clientCa() != null) {
      ClientCertificates.requireAuthorities(tls.clientCa());
    }
    if (maxPacketBytes < DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES + 1024) {
      throw new IllegalArgumentException("mqtt.maxPacketBytes must leave room for a 1 MiB payload plus headers");
    }
  }

  public static MqttConfig from(ConfigTree c) {
    return new MqttConfig(
        c.string("mqtt.host"),
        c.integer("mqtt.port", -1, 65535),
        c.integer("mqtt.instances", 0, 256),
        c.integer("mqtt.maxPacketBytes", DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES + 1024, 256 * 1024 * 1024),
        c.integer("mqtt.receiveMaximum", 1, 65535),
        c.integer("mqtt.connectTimeoutSeconds", 1, 600),
        c.integer("mqtt.maxMessagesPerSecond", 1, 10_000_000),
        c.integer("security.loginFailureLimit", 1, 1_000_000),
        c.duration("security.loginFailureWindow"),
        new LoginLimits(c.integer("security.loginHashThreads", 0, 64), c.integer("security.loginHashQueue", 1, 100_000),
            c.integer("security.loginHashesPerAddress", 1, 10_000)),
        c.integer("mqtt.maxConnectionsPerAddress", 0, 10_000_000),
        c.integer("mqtt.tls.port", 0, 65535),
        TlsFiles.from(c, "mqtt.tls", true));
  }

  /** Whether the plain-TCP listener runs ({@code mqtt.port} -1 leaves only TLS). */
  public boolean plainListener() {
    return port >= 0;
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
