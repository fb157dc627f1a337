package id.pantau.simulator.scenario;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A city to simulate: its kecamatan and their sensors, how gateways batch, the river gauges
 * and the weather events. Read by {@link ScenarioReader}; every value has been validated.
 *
 * @param clockStart local time of day the model starts at, or null for the wall clock's
 * @param speed model minutes per real minute (60 plays an hour in a minute)
 */
public record Scenario(
    String name,
    String city,
    ZoneId timezone,
    LocalTime clockStart,
    double speed,
    int gatewaysPerKecamatan,
    int batchEverySeconds,
    int batchReadings,
    int inflight,
    Map<SensorType, Integer> intervalSeconds,
    List<KecamatanSpec> kecamatan,
    List<GaugeSpec> gauges,
    List<RainEvent> rainEvents,
    double complaintsPerKecamatanPerHour) {

  /** A kecamatan and how many sensors of each type its gateways speak for. */
  public record KecamatanSpec(String slug, String zone, Map<SensorType, Integer> sensors) {
  }

  /**
   * A river gauge. {@code order} counts from upstream (1) so water arrives later at higher
   * orders; {@code catchment} is the zones whose rain reaches it.
   */
  public record GaugeSpec(String sensor, String river, String kecamatan, int order, double baseCm,
      double siaga3Cm, double siaga1Cm, List<String> catchment) {
  }

  /** Rain over some zones, from a model minute after the start, peaking halfway. */
  public record RainEvent(double startMinute, double durationMinutes, double peakMmPerHour, List<String> zones) {
    /** Intensity in mm/h at a model minute: a triangle rising to the peak and falling back. */
    public double intensityAt(double minute) {
      double into = minute - startMinute;
      if (into < 0 || into > durationMinutes) {
        return 0;
      }
      double half = durationMinutes / 2;
      return peakMmPerHour * (1 - Math.abs(into - half) / half);
    }
  }

  public int intervalSeconds(SensorType type) {
    return intervalSeconds.getOrDefault(type, type.defaultIntervalSeconds());
  }

  public int gatewayCount() {
    return kecamatan.size() * gatewaysPerKecamatan;
  }
}
