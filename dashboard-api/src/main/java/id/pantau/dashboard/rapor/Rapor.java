package id.pantau.dashboard.rapor;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A city's scorecard for a period: per kecamatan and for the city as a whole, every figure
 * beside the previous period's, with its rank for the headline figures.
 *
 * @param asOf events after this instant were not counted (the time it was computed)
 */
public record Rapor(String city, ZoneId zone, RaporPeriod period, Instant asOf, List<Part> kecamatan, Part total) {
  public Rapor {
    kecamatan = List.copyOf(kecamatan);
  }

  public RaporPeriod previous() {
    return period.previous();
  }

  /** A kecamatan's figures (or the city's: slug null), by figure id, in the order of {@link RaporFigure}. */
  public record Part(String slug, String name, Map<String, Figure> figures) {
  }

  /**
   * One figure; null values where there is nothing to measure (no complaint to time, no target to judge).
   *
   * @param change value minus previous (percentage points for percentages), null when either is null
   * @param rank 1 for the best kecamatan in the city; null for figures not ranked, for the city, or without a value
   * @param items what the figure counts, for tracing it
   */
  public record Figure(String id, RaporFigure kind, Double value, Double previous, Double change, Integer rank,
                       List<Item> items) {
    public Figure withRank(Integer r) {
      return new Figure(id, kind, value, previous, change, r, items);
    }
  }

  /**
   * A complaint, alert or instruction behind a figure.
   *
   * @param value its own measure where the figure is a time (hours or minutes), else null
   * @param met for a target figure whether it met the target, else null
   */
  public record Item(String id, Double value, Boolean met) {
  }
}
