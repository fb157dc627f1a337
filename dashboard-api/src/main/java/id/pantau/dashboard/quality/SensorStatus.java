package id.pantau.dashboard.quality;

import java.time.Instant;

/**
 * A sensor's health at one moment.
 *
 * @param reason why it is not ok ({@code stuck}, {@code spike}, {@code late}, {@code silent},
 *     {@code out_of_range}, {@code maintenance}); null when ok
 * @param since when it entered this state (as far as the data and this server's memory show)
 * @param detail for the technician, in English; null when ok
 * @param lastReadingAt the timestamp of its newest counted reading (null: none)
 */
public record SensorStatus(String sensor, String kecamatan, SensorState state, String reason, Instant since,
                           String detail, Instant lastReadingAt) {
  public SensorStatus withSince(Instant earlier) {
    return new SensorStatus(sensor, kecamatan, state, reason, earlier, detail, lastReadingAt);
  }
}
