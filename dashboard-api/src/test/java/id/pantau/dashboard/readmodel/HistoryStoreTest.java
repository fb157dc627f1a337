package id.pantau.dashboard.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the replay's reads: complaint figures at an instant, and the city's last minute. */
class HistoryStoreTest {
  private static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void openCountsAndTheDaysResolutionsAreThoseStandingAtTheInstant() {
    List<ComplaintRow> states = List.of(
        row("A", "coblong", "banjir", 5, null, "created"),
        row("B", "coblong", "banjir", 4, null, "in_progress"),
        row("C", "regol", "jalan_rusak", 3, null, "dispatched"),
        row("D", "coblong", "banjir", 10, 1.0, "resolved"), // resolved 9 h after it came in, an hour ago
        row("E", "coblong", "banjir", 40, 30.0, "closed")); // resolved more than a day ago: counts nowhere
    ComplaintRows rows = HistoryStore.ComplaintHistory.rows(states, 2, AT);
    assertEquals(List.of(new ComplaintRows.OpenCount("coblong", "banjir", 2),
        new ComplaintRows.OpenCount("regol", "jalan_rusak", 1)), rows.open());
    assertEquals(2, rows.newLastHour());
    assertEquals(1, rows.timeToResolve24h().resolved());
    assertEquals(9 * 3600.0, rows.timeToResolve24h().medianSeconds());
    assertEquals(List.of("A", "B", "C", "D"), rows.targetCandidates().stream().map(ComplaintRow::id).toList());
  }

  @Test
  void percentilesInterpolateAsPostgresPercentileCont() {
    double[] sorted = {10, 20, 30, 40};
    assertEquals(25.0, HistoryStore.ComplaintHistory.percentile(sorted, 0.5));
    assertEquals(37.0, HistoryStore.ComplaintHistory.percentile(sorted, 0.9), 1e-9);
    assertEquals(10.0, HistoryStore.ComplaintHistory.percentile(new double[] {10}, 0.9));
    assertNull(HistoryStore.ComplaintHistory.percentile(new double[0], 0.5));
  }

  @Test
  void aRollupMinuteCountsOnceItHasEnded() {
    assertEquals(Instant.parse("2026-11-20T08:59:00Z"), HistoryStore.lastWholeMinute(AT));
    assertEquals(Instant.parse("2026-11-20T08:59:00Z"), HistoryStore.lastWholeMinute(AT.plusSeconds(59)));
  }

  @Test
  void theCitysLastMinuteSumsTheKecamatanWhoseLastMinuteIsTheNewest() {
    Instant m1 = Instant.parse("2026-11-20T08:58:00Z");
    Instant m2 = Instant.parse("2026-11-20T08:59:00Z");
    List<MinuteRollup> city = HistoryStore.cityWide(List.of(
        new MinuteRollup("coblong", "pm25", m2, 2, 80, 30, 50),
        new MinuteRollup("regol", "pm25", m1, 5, 500, 90, 110), // older: not the city's last minute
        new MinuteRollup("sukasari", "pm25", m2, 3, 30, 5, 15),
        new MinuteRollup("regol", "water_level_cm", m1, 1, 120, 120, 120)));
    assertEquals(List.of(new MinuteRollup(null, "pm25", m2, 5, 110, 5, 50),
        new MinuteRollup(null, "water_level_cm", m1, 1, 120, 120, 120)), city);
  }

  private static ComplaintRow row(String id, String kecamatan, String category, double hoursAgo, Double resolvedHoursAgo,
                                  String state) {
    return new ComplaintRow(id, kecamatan, category, AT.minus(hours(hoursAgo)),
        resolvedHoursAgo == null ? null : AT.minus(hours(resolvedHoursAgo)), state);
  }

  private static Duration hours(double h) {
    return Duration.ofMillis((long) (h * 3_600_000));
  }
}
