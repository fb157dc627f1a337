package id.pantau.dashboard.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A city's data quality at one moment: every sensor's health, and per kecamatan how complete
 * its data is, its sensors by state, and its flagged and refused readings.
 *
 * @param sensors every sensor of the city, by id
 * @param kecamatan in the city's configured order
 * @param total the city's figures, summed over its kecamatan
 */
public record QualityReport(Instant computedAt, List<SensorStatus> sensors, List<KecamatanQuality> kecamatan,
                            KecamatanQuality total) {

  /**
   * @param hours the last 24 complete hours, oldest first
   * @param day those 24 hours together
   * @param currentHour the hour under way, so far
   * @param flagged readings stored flagged in the last complete hour, the 24, and the hour under way
   * @param refused messages refused from the kecamatan's gateways, likewise
   */
  public record KecamatanQuality(String kecamatan, List<Completeness> hours, Completeness day, Completeness currentHour,
                                 Map<SensorState, Integer> sensorsByState, List<String> silentSensors,
                                 Counts flagged, Counts refused) {
    public Completeness lastHour() {
      return hours.get(hours.size() - 1);
    }
  }

  /** A count over the last complete hour, the last 24 complete hours, and the hour under way. */
  public record Counts(long lastHour, long day, long currentHour) {
  }

  /** The sensors whose readings stay out of the hazard KPIs now (suspect, or in maintenance). */
  public Set<String> excludedFromHazards() {
    return sensors.stream().filter(s -> s.state().excludedFromHazards()).map(SensorStatus::sensor)
        .collect(Collectors.toUnmodifiableSet());
  }

  public static QualityReport none() {
    return new QualityReport(null, List.of(), List.of(), null);
  }
}
