package id.pantau.dashboard.kpi;

import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.ComplaintRows;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complaint indicators of a city: open by kecamatan and category, new in the last hour,
 * time to resolve over 24 hours, the breaches of the resolution targets (open past their
 * deadline, or resolved late within the last 24 hours), and the complaints still unverified
 * (in {@code created}) past the verification target.
 *
 * @param openByKecamatan kecamatan slug -> category -> open complaints
 * @param breaches every breach, oldest complaint first
 * @param verificationBreaches every complaint past its verification target, oldest first
 * @param deadlines the targets the breaches were judged by, so each can show its deadline (null: not shown)
 */
public record ComplaintStatus(long open, Map<String, Map<String, Long>> openByKecamatan, long newLastHour,
                              ComplaintRows.TimeToResolve timeToResolve24h, List<ComplaintRow> breaches,
                              List<ComplaintRow> verificationBreaches, ResolutionDeadlines deadlines) {

  /** Indicators whose breaches show no deadline. */
  public ComplaintStatus(long open, Map<String, Map<String, Long>> openByKecamatan, long newLastHour,
                         ComplaintRows.TimeToResolve timeToResolve24h, List<ComplaintRow> breaches,
                         List<ComplaintRow> verificationBreaches) {
    this(open, openByKecamatan, newLastHour, timeToResolve24h, breaches, verificationBreaches, null);
  }

  /** Pure: the indicators at {@code now} by the city's targets. */
  public static ComplaintStatus of(ComplaintRows rows, ResolutionDeadlines deadlines, Instant now) {
    Map<String, Map<String, Long>> open = new LinkedHashMap<>();
    long total = 0;
    for (ComplaintRows.OpenCount c : rows.open()) {
      open.computeIfAbsent(c.kecamatan(), k -> new LinkedHashMap<>()).put(c.category(), c.count());
      total += c.count();
    }
    List<ComplaintRow> breaches = rows.targetCandidates().stream()
        .filter(c -> deadlines.breached(c.createdAt(), c.resolvedAt(), c.category(), now)).toList();
    List<ComplaintRow> unverified = rows.targetCandidates().stream()
        .filter(c -> c.state().equals("created") && now.isAfter(deadlines.verificationDeadline(c.createdAt())))
        .toList();
    return new ComplaintStatus(total, Collections.unmodifiableMap(open), rows.newLastHour(), rows.timeToResolve24h(),
        breaches, unverified, deadlines);
  }

  /**
   * Per kecamatan with open complaints, how many are still open past their resolution target
   * (0 for the others), by slug.
   */
  public Map<String, Integer> openBreachesByKecamatan() {
    Map<String, Integer> out = new TreeMap<>();
    openByKecamatan.keySet().forEach(k -> out.put(k, 0));
    breaches.stream().filter(ComplaintRow::isOpen).forEach(b -> out.merge(b.kecamatan(), 1, Integer::sum));
    return out;
  }
}
