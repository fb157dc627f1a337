package id.pantau.dashboard.readmodel;

import java.time.Instant;

/**
 * A reading stored flagged, kept out of every rollup, KPI and alert, with its raw value.
 *
 * @param flag the API's name of why it does not count, e.g. {@code out_of_range}
 */
public record FlaggedReading(Instant ts, String sensor, String kecamatan, double value, String flag) {
}
