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
 * <p>A daily mean stands for its day only when enough of the day was measured: the regulation's
 * 24-hour average, like the usual data-capture rule for daily means (75 %, e.g. US EPA 40 CFR 50
 * App. N, EU 2008/50/EC Annex VII), needs at least {@value #MIN_HOURS} of the 24 hourly means. A
 * kecamatan with fewer is {@code insufficient}: its means are shown, its index decides nothing.
 * The hours asked for never exceed those since the pollutant was first measured within the 24
 * hours (a sensor installed this morning is judged on this morning), so a new sensor is not thin
 * for its first day; a sensor that stopped is, as its hours without data count.
 *
 * @param byKecamatan by kecamatan slug, in the order of the means given
 */
public record AirQuality(Map<String, KecamatanAir> byKecamatan) {

  /** Hourly means a 24-hour mean needs to stand for its day: 18 of 24, the 75 % data capture. */
  public static final int MIN_HOURS = 18;

  /** One pollutant's 24-hour mean and its index. */
  public record PollutantIndex(Metric pollutant, double mean24h, long readings, int ispu, int hoursWithData,
                               int hoursRequired) {
    public PollutantIndex(Metric pollutant, double mean24h, long readings, int ispu) {
      this(pollutant, mean24h, readings, ispu, MIN_HOURS, MIN_HOURS);
    }

    public boolean sufficient() {
      return hoursWithData >= hoursRequired;
    }
  }

  /**
   * @param pollutants in the order of the means given (by name)
   * @param critical the pollutant with the highest index among those with enough hours; on a tie,
   *     the later one; when none has enough, the one with the most hours (its index then decides nothing)
   */
  public record KecamatanAir(List<PollutantIndex> pollutants, PollutantIndex critical) {
    /** Whether the index stands for the day: its critical pollutant had enough hourly means. */
    public boolean sufficient() {
      return critical.sufficient();
    }

    /** The critical pollutant's hours with data. */
    public int hoursWithData() {
      return critical.hoursWithData();
    }

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
      int required = Math.max(1, Math.min(MIN_HOURS, m.hoursSpanned()));
      byKecamatan.computeIfAbsent(m.kecamatan(), k -> new ArrayList<>())
          .add(new PollutantIndex(m.pollutant(), m.mean(), m.readings(), index, m.hoursWithData(), required));
    }
    Map<String, KecamatanAir> out = new LinkedHashMap<>();
    byKecamatan.forEach((kecamatan, pollutants) -> {
      PollutantIndex critical = null;
      for (PollutantIndex p : pollutants) {
        if (p.sufficient() && (critical == null || p.ispu() >= critical.ispu())) {
          critical = p;
        }
      }
      if (critical == null) {
        critical = pollutants.get(0);
        for (PollutantIndex p : pollutants) {
          if (p.hoursWithData() > critical.hoursWithData()) {
            critical = p;
          }
        }
      }
      out.put(kecamatan, new KecamatanAir(List.copyOf(pollutants), critical));
    });
    return new AirQuality(Collections.unmodifiableMap(out));
  }
}
