package id.pantau.simulator.gateway;

import id.pantau.wire.TelemetryBatch;

/**
 * A batch as the gateway keeps it until acknowledged: its bytes never change, so a redelivery
 * after a reconnect or a restart carries the same (boot, seq) and the same readings.
 *
 * @param telemetry the readings, kept for verification; null for complaint batches
 */
record OutgoingBatch(long key, String topic, byte[] payload, long seq, int items, long intendedNanos,
    TelemetryBatch telemetry) {
  boolean isTelemetry() {
    return telemetry != null;
  }
}
