package id.pantau.dashboard.readmodel;

import java.time.Instant;

/**
 * The latest value of one metric of one sensor, as the writer keeps it in {@code latest_value}.
 *
 * @param kecamatan the slug of the kecamatan the sensor belongs to
 * @param metric the metric's wire name (the catalogue may know metrics this build does not)
 */
public record SensorValue(String sensor, String kecamatan, String metric, String unit, double value, Instant ts) {
}
