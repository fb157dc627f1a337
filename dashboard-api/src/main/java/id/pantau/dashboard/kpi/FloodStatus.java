package id.pantau.dashboard.kpi;

import id.pantau.city.RiverGauge;
import id.pantau.dashboard.readmodel.SensorValue;
import id.pantau.wire.Metric;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each configured river gauge with its latest water level and siaga level. */
public record FloodStatus(List<GaugeStatus> gauges) {

  /** A gauge's latest water level. */
  public record Reading(double levelCm, Instant ts, FloodLevel level) {
  }

  /**
   * @param reading null when the gauge has not reported, or is not trusted now
   * @param untrusted its sensor is suspect or in maintenance: its level counts for no siaga
   */
  public record GaugeStatus(RiverGauge gauge, Reading reading, boolean untrusted) {
    public GaugeStatus(RiverGauge gauge, Reading reading) {
      this(gauge, reading, false);
    }

    public boolean hasData() {
      return reading != null;
    }
  }

  /** Pure: the gauges in their configured order, each with its sensor's latest water level. */
  public static FloodStatus of(List<RiverGauge> gauges, List<SensorValue> latest) {
    return of(gauges, latest, java.util.Set.of());
  }

  /**
   * Pure, as above; a gauge whose sensor is in {@code untrusted} (suspect, in maintenance) has no
   * reading, so it raises no siaga and clears one it had.
   */
  public static FloodStatus of(List<RiverGauge> gauges, List<SensorValue> latest, java.util.Set<String> untrusted) {
    Map<String, SensorValue> levels = new HashMap<>();
    for (SensorValue v : latest) {
      if (v.metric().equals(Metric.WATER_LEVEL_CM.wireName())) {
        levels.put(v.sensor(), v);
      }
    }
    return new FloodStatus(gauges.stream().map(g -> {
      if (untrusted.contains(g.sensor())) {
        return new GaugeStatus(g, null, true);
      }
      SensorValue v = levels.get(g.sensor());
      return new GaugeStatus(g, v == null ? null : new Reading(v.value(), v.ts(), FloodLevel.of(g, v.value())));
    }).toList());
  }
}
