package id.pantau.simulator.load;

import id.pantau.simulator.mqtt.MqttVersion;
import java.nio.file.Path;

/**
 * Everything a run is told, as the command line (or a test) gives it.
 *
 * @param messageRate total telemetry messages per second, or 0
 * @param readingRate total readings per second, or 0 (both 0: the scenario's natural pacing)
 * @param batchReadings readings per message under a fixed rate, or 0 for the scenario's
 * @param inflight batches each gateway may have unacknowledged, or 0 for the scenario's
 * @param speed model minutes per real minute, or 0 for the scenario's
 * @param chaosEverySeconds drop one random gateway's connection this often (every third drop is a restart), or 0
 */
public record SimulationOptions(
    String host,
    int port,
    MqttVersion version,
    String scenario,
    Path credentials,
    String secret,
    double durationSeconds,
    double rampSeconds,
    double messageRate,
    double readingRate,
    int batchReadings,
    int inflight,
    long seed,
    double speed,
    boolean cleanSession,
    boolean sensorConnections,
    boolean complaints,
    int connectRate,
    double chaosEverySeconds,
    double lateThresholdMillis,
    String verifyDatabaseUrl,
    String verifyUser,
    String verifyPassword,
    Path reportDir,
    boolean quiet,
    String command) {
}
