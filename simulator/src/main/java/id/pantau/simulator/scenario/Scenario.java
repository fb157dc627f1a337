package id.pantau.simulator.scenario;

import id.pantau.wire.Metric;
import id.pantau.wire.PlausibleRange;
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
 * @param plausibility the server's city file's {@code plausibility}, mirrored: the ranges by
 *     which a fault's reading counts as made implausible on purpose (the catalogue's elsewhere)
 * @param faults sensor and gateway faults scripted into the run
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
    double complaintsPerKecamatanPerHour,
    Map<Metric, PlausibleRange> plausibility,
    List<Fault> faults) {

  /** A kecamatan and how many sensors of each type its gateways speak for. */
  public record KecamatanSpec(String slug, String zone, Map<SensorType, Integer> sensors) {
  }

  /**
   * A river gauge. {@code order} counts from upstream (1) so water arrives later at higher
   * orders; {@code catchment} is the zones whose rain reaches it; {@code rangeCm}, when not null,
   * mirrors the city file's span the gauge can read.
   */
  public record GaugeSpec(String sensor, String river, String kecamatan, int order, double baseCm,
      double siaga3Cm, double siaga1Cm, List<String> catchment, PlausibleRange rangeCm) {
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

  /** The range a sensor's readings of a metric are plausible in, as the server's city file says. */
  public PlausibleRange plausibleRange(Metric metric, String sensor) {
    if (metric == Metric.WATER_LEVEL_CM) {
      for (GaugeSpec g : gauges) {
        if (g.sensor().equals(sensor) && g.rangeCm() != null) {
          return g.rangeCm();
        }
      }
    }
    return plausibility.getOrDefault(metric, metric.plausible());
  }

  public int gatewayCount() {
    return kecamatan.size() * gatewaysPerKecamatan;
  }
}
