package id.pantau.dashboard.quality;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the store knows of one sensor at one moment, for {@link SensorHealth} to judge.
 *
 * @param samples per metric, the readings of the health window, oldest first (flagged ones too)
 * @param lastStored when its newest counted reading was stored (null: none yet, or before V14)
 * @param newestTs the timestamp of that reading
 * @param gateway the gateway that first reported it
 * @param gatewayLastBatch when that gateway's newest batch was stored
 * @param gatewayLagMs that batch's lag (storage time minus its newest timestamp)
 * @param cadence how often it reports: the shortest over its metrics of the expected interval
 *     (declared, learned, or the default), or its own learned one where that is shorter
 * @param maintenance null unless an operator put it in maintenance
 */
public record SensorFacts(String sensor, String kecamatan, Map<Metric, java.util.List<Sample>> samples,
                          Instant lastStored, Instant newestTs, String gateway, Instant gatewayLastBatch,
                          Long gatewayLagMs, Duration cadence, Maintenance maintenance) {

  /** An operator's maintenance mark. */
  public record Maintenance(Instant since, String by, String note) {
  }
}
