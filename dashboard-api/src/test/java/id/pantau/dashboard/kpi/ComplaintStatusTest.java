package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.ComplaintRows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplaintStatusTest {
  // Monday 23 November 2026, 10:00 WIB
  static final Instant MONDAY_10AM = LocalDate.of(2026, 11, 23).atTime(10, 0).atZone(TestCities.WIB).toInstant();
  static final ResolutionDeadlines DEADLINES = new ResolutionDeadlines(TestCities.city("bandung"));

  static ComplaintRow row(String id, String kecamatan, String category, Instant created, Instant resolved, String state) {
    return new ComplaintRow(id, kecamatan, category, created, resolved, state);
  }

  @Test
  void openComplaintsAreCountedPerKecamatanAndCategory() {
    ComplaintRows rows = new ComplaintRows(List.of(new ComplaintRows.OpenCount("coblong", "banjir", 2),
        new ComplaintRows.OpenCount("coblong", "sampah", 3), new ComplaintRows.OpenCount("sukajadi", "sampah", 1)),
        4, new ComplaintRows.TimeToResolve(2, 60.0, 90.0), List.of());

    ComplaintStatus status = ComplaintStatus.of(rows, DEADLINES, MONDAY_10AM);

    assertEquals(6, status.open());
    assertEquals(Map.of("coblong", Map.of("banjir", 2L, "sampah", 3L), "sukajadi", Map.of("sampah", 1L)),
        status.openByKecamatan());
    assertEquals(4, status.newLastHour());
    assertEquals(60.0, status.timeToResolve24h().medianSeconds());
  }

  @Test
  void breachesAreOpenPastTheTargetOrResolvedLate() {
    Instant sevenHoursAgo = MONDAY_10AM.minus(Duration.ofHours(7));
    ComplaintRows rows = new ComplaintRows(List.of(new ComplaintRows.OpenCount("coblong", "banjir", 2)), 0,
        new ComplaintRows.TimeToResolve(0, null, null), List.of(
            // banjir has a 6-hour target: open after 7 hours is a breach
            row("c1", "coblong", "banjir", sevenHoursAgo, null, "in_progress"),
            // resolved after 6.5 hours: late
            row("c2", "sukajadi", "banjir", sevenHoursAgo, sevenHoursAgo.plus(Duration.ofMinutes(390)), "resolved"),
            // resolved within 5 hours: met
            row("c3", "sukajadi", "banjir", sevenHoursAgo, sevenHoursAgo.plus(Duration.ofHours(5)), "resolved"),
            // open one hour: not yet due
            row("c4", "coblong", "banjir", MONDAY_10AM.minus(Duration.ofHours(1)), null, "created")));

    ComplaintStatus status = ComplaintStatus.of(rows, DEADLINES, MONDAY_10AM);

    assertEquals(List.of("c1", "c2"), status.breaches().stream().map(ComplaintRow::id).toList());
    // only the open breach holds coblong's alert; sukajadi has no open complaint so is not listed
    assertEquals(Map.of("coblong", 1), status.openBreachesByKecamatan());
  }

  @Test
  void aComplaintStillCreatedAfterOneWorkingDayIsAVerificationBreach() {
    // created Thursday 19 November 09:00: to be verified by Friday 09:00
    Instant thursday = LocalDate.of(2026, 11, 19).atTime(9, 0).atZone(TestCities.WIB).toInstant();
    ComplaintRows rows = new ComplaintRows(List.of(), 0, new ComplaintRows.TimeToResolve(0, null, null), List.of(
        row("late", "coblong", "sampah", thursday, null, "created"),
        row("verified", "coblong", "sampah", thursday, null, "verified"),
        row("fresh", "coblong", "sampah", MONDAY_10AM.minus(Duration.ofHours(2)), null, "created")));

    ComplaintStatus status = ComplaintStatus.of(rows, DEADLINES, MONDAY_10AM);

    assertEquals(List.of("late"), status.verificationBreaches().stream().map(ComplaintRow::id).toList());
  }

  @Test
  void kecamatanWithOpenComplaintsButNoBreachCountZero() {
    ComplaintRows rows = new ComplaintRows(List.of(new ComplaintRows.OpenCount("sukajadi", "sampah", 1)), 0,
        new ComplaintRows.TimeToResolve(0, null, null), List.of(row("c", "sukajadi", "sampah", MONDAY_10AM, null,
            "created")));

    assertEquals(Map.of("sukajadi", 0), ComplaintStatus.of(rows, DEADLINES, MONDAY_10AM).openBreachesByKecamatan());
  }
}
