package id.pantau.simulator.mqtt;

/**
 * What a gateway says in CONNECT. A persistent session ({@code cleanSession} false) asks the
 * server to keep its subscriptions for {@code sessionExpirySeconds} (MQTT 5) while it is away.
 */
public record ConnectOptions(
    String clientId,
    String username,
    String password,
    boolean cleanSession,
    int sessionExpirySeconds,
    int keepAliveSeconds,
    String willTopic,
    byte[] willPayload) {
}
