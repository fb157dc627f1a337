package id.pantau.dashboard.quality;

import java.time.Instant;

/**
 * What a detector found wrong with a sensor.
 *
 * @param reason {@code stuck}, {@code spike}, {@code late}, {@code silent}, {@code out_of_range}
 * @param since when the fault began, as far as the data shows
 * @param detail for the technician, in English (e.g. "pm25 at 35 for 12 readings")
 */
public record Finding(SensorState state, String reason, Instant since, String detail) {
}
