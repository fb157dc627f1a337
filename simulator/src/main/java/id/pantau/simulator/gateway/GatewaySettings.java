package id.pantau.simulator.gateway;

import id.pantau.simulator.mqtt.MqttVersion;

/**
 * How every simulated gateway of a run behaves.
 *
 * @param messagesPerSecond each gateway's own telemetry rate; 0 for natural pacing (a batch
 *     every {@code batchEverySeconds} with whatever its sensors sampled)
 * @param readingsPerMessage readings in each batch under a fixed rate
 */
public record GatewaySettings(
    String host,
    int port,
    MqttVersion version,
    boolean cleanSession,
    int inflight,
    double messagesPerSecond,
    int readingsPerMessage,
    int batchEverySeconds,
    double rampSeconds,
    double durationSeconds,
    long lateThresholdNanos,
    boolean keepAcknowledged) {
}
