package id.pantau.ingest.broker;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import java.net.URI;
import java.time.Duration;

/**
 * Broker mode: the ingest node takes the gateways' stream from an existing MQTT broker cluster
 * through a shared subscription instead of accepting gateways itself.
 *
 * @param clientId stable across restarts: the broker keeps this node's session (and the
 *     messages it has not acknowledged) under it while the node is away
 * @param presenceTimeout a gateway is shown offline when no batch of its has come for this long
 *     (the broker, not Pantau, sees its connection)
 * @param identity where a batch's gateway comes from: the topic the broker let it publish on, or
 *     the payload
 */
public record BrokerConfig(String host, int port, String clientId, String username, String password, String group,
                           Duration presenceTimeout, Identity identity) {

  /**
   * {@code TOPIC}: gateways publish on {@code pantau/v1/{city}/{kec}/telemetry/{gatewayId}} (and
   * complaints), the broker's ACL lets each write only under its own id (Mosquitto:
   * {@code pattern write pantau/v1/+/+/telemetry/%u}), and a payload must name that same gateway.
   * {@code PAYLOAD}: gateways publish on the kecamatan's topic and the payload names the gateway;
   * every broker client allowed on that topic is then trusted to tell the truth.
   */
  public enum Identity { TOPIC, PAYLOAD }

  /** @return null when {@code broker.url} is not set (the node accepts gateways itself) */
  public static BrokerConfig from(ConfigTree c, String nodeId) {
    String url = c.optionalString("broker.url");
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("broker.url", "is not a URL: " + e.getMessage());
    }
    if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ConfigException("broker.url", "must look like tcp://broker.example:1883, is '" + url + "'");
    }
    String group = c.string("broker.group");
    if (!group.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new ConfigException("broker.group", "must be 1 to 64 letters, digits, '_' or '-', is '" + group + "'");
    }
    String clientId = c.optionalString("broker.clientId");
    Duration presenceTimeout = c.duration("broker.presenceTimeout");
    if (presenceTimeout.toSeconds() < 1) {
      throw new ConfigException("broker.presenceTimeout", "must be at least 1s, is " + presenceTimeout);
    }
    return new BrokerConfig(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 1883,
        clientId != null ? clientId : "pantau-" + nodeId, c.optionalString("broker.username"),
        c.optionalString("broker.password"), group, presenceTimeout, identity(c.string("broker.identity")));
  }

  private static Identity identity(String value) {
    return switch (value) {
      case "topic" -> Identity.TOPIC;
      case "payload" -> Identity.PAYLOAD;
      default -> throw new ConfigException("broker.identity", "must be \"topic\" or \"payload\", is '" + value + "'");
    };
  }

  /** The shared subscriptions: every node of the group gets a share of each stream. */
  public String[] topicFilters() {
    String perGateway = identity == Identity.TOPIC ? "/+" : "";
    return new String[] {"$share/" + group + "/pantau/v1/+/+/telemetry" + perGateway,
        "$share/" + group + "/pantau/v1/+/+/complaints" + perGateway};
  }

  @Override
  public String toString() {
    return "tcp://" + host + ":" + port + " as " + clientId + " in group " + group + ", gateway identity from the "
        + identity.name().toLowerCase(java.util.Locale.ROOT); // never the password
  }
}
