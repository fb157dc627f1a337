package id.pantau.dashboard.rapor;

import id.pantau.city.RiverGauge;
import id.pantau.dashboard.kpi.AirQualityIndex;
import id.pantau.wire.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the rollups a rapor reads into ISPU days and siaga hours, by the city's gauges and the ISPU breakpoints. */
final class RiverAndAir {
  private RiverAndAir() {
  }

  /** Per kecamatan and day, the higher of the PM2.5 and PM10 indices of the day's means. */
  static List<PeriodMeasures.DayIndex> days(List<RaporInput.DailyMean> air) {
    Map<List<Object>, PeriodMeasures.DayIndex> out = new LinkedHashMap<>();
    for (RaporInput.DailyMean m : air) {
      Metric pollutant = Metric.byWireName(m.metric());
      if (pollutant != Metric.PM25 && pollutant != Metric.PM10 || !Double.isFinite(m.mean()) || m.mean() < 0) {
        continue;
      }
      PeriodMeasures.DayIndex d = new PeriodMeasures.DayIndex(m.kecamatan(), m.day(),
          AirQualityIndex.index(pollutant, m.mean()));
      out.merge(List.of(m.kecamatan(), m.day()), d, (a, b) -> a.index() >= b.index() ? a : b);
    }
    return new ArrayList<>(out.values());
  }

  /**
   * Per kecamatan and hour, the siaga level its river reached. A kecamatan with several gauges is
   * held to the lowest levels among them: its rollups do not say which gauge read the level.
   */
  static List<PeriodMeasures.HourLevel> hours(List<RaporInput.HourlyMax> levels, List<RiverGauge> gauges) {
    List<PeriodMeasures.HourLevel> out = new ArrayList<>();
    for (RaporInput.HourlyMax h : levels) {
      List<RiverGauge> own = gauges.stream().filter(g -> g.kecamatan().equals(h.kecamatan())).toList();
      if (own.isEmpty()) {
        continue;
      }
      double s3 = own.stream().mapToDouble(RiverGauge::siaga3Cm).min().orElseThrow();
      double s2 = own.stream().mapToDouble(RiverGauge::siaga2Cm).min().orElseThrow();
      double s1 = own.stream().mapToDouble(RiverGauge::siaga1Cm).min().orElseThrow();
      int severity = h.maxCm() >= s1 ? 3 : h.maxCm() >= s2 ? 2 : h.maxCm() >= s3 ? 1 : 0;
      out.add(new PeriodMeasures.HourLevel(h.kecamatan(), h.hour(), h.maxCm(), severity));
    }
    return out;
  }
}
