package id.pantau.dashboard.readmodel;

import java.util.List;

/**
 * What the complaint indicators of one city are computed from.
 *
 * @param open open complaints counted per kecamatan and category, ordered by both
 * @param targetCandidates open complaints and those resolved in the last 24 hours, oldest first
 */
public record ComplaintRows(List<OpenCount> open, long newLastHour, TimeToResolve timeToResolve24h,
                            List<ComplaintRow> targetCandidates) {
  public ComplaintRows {
    open = List.copyOf(open);
    targetCandidates = List.copyOf(targetCandidates);
  }

  /** Open complaints of one category in one kecamatan. */
  public record OpenCount(String kecamatan, String category, long count) {
  }

  /**
   * Complaints resolved in the window and how long they took.
   *
   * @param medianSeconds null when none was resolved
   * @param p90Seconds null when none was resolved
   */
  public record TimeToResolve(long resolved, Double medianSeconds, Double p90Seconds) {
  }
}
