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
   * @param flaggedLastHour, flaggedDay readings stored flagged in the last complete hour, and the 24
   * @param refusedLastHour, refusedDay messages refused from the kecamatan's gateways, likewise
   */
  public record KecamatanQuality(String kecamatan, List<Completeness> hours, Completeness day, Completeness currentHour,
                                 Map<SensorState, Integer> sensorsByState, List<String> silentSensors,
                                 long flaggedLastHour, long flaggedDay, long refusedLastHour, long refusedDay) {
    public Completeness lastHour() {
      return hours.get(hours.size() - 1);
    }
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
