package id.pantau.dashboard.kpi;

import id.pantau.dashboard.readmodel.PollutantMean;
import id.pantau.wire.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ISPU per kecamatan from the 24-hour means of PM2.5 and PM10 (the regulation's averaging
 * period). A kecamatan's index is the worse of its pollutants', naming the critical one.
 *
 * @param byKecamatan by kecamatan slug, in the order of the means given
 */
public record AirQuality(Map<String, KecamatanAir> byKecamatan) {

  /** One pollutant's 24-hour mean and its index. */
  public record PollutantIndex(Metric pollutant, double mean24h, long readings, int ispu) {
  }

  /**
   * @param pollutants in the order of the means given (by name)
   * @param critical the pollutant with the highest index; on a tie, the later one
   */
  public record KecamatanAir(List<PollutantIndex> pollutants, PollutantIndex critical) {
    public int ispu() {
      return critical.ispu();
    }

    public AirQualityIndex.Category category() {
      return AirQualityIndex.Category.of(ispu());
    }
  }

  /** Pure: the index of every mean, grouped by kecamatan. */
  public static AirQuality of(List<PollutantMean> means) {
    Map<String, List<PollutantIndex>> byKecamatan = new LinkedHashMap<>();
    for (PollutantMean m : means) {
      int index = AirQualityIndex.index(m.pollutant(), Math.max(0, m.mean()));
      byKecamatan.computeIfAbsent(m.kecamatan(), k -> new ArrayList<>())
          .add(new PollutantIndex(m.pollutant(), m.mean(), m.readings(), index));
    }
    Map<String, KecamatanAir> out = new LinkedHashMap<>();
    byKecamatan.forEach((kecamatan, pollutants) -> {
      PollutantIndex critical = pollutants.get(0);
      for (PollutantIndex p : pollutants) {
        if (p.ispu() >= critical.ispu()) {
          critical = p;
        }
      }
      out.put(kecamatan, new KecamatanAir(List.copyOf(pollutants), critical));
    });
    return new AirQuality(Collections.unmodifiableMap(out));
  }
}
