package id.pantau.dashboard.rapor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RaporPeriodTest {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

  @Test
  void aMonthRunsFromLocalMidnightToLocalMidnight() {
    RaporPeriod p = RaporPeriod.parse("2026-11", null, null);
    assertEquals(RaporPeriod.Kind.MONTH, p.kind());
    assertEquals(LocalDate.of(2026, 11, 1), p.first());
    assertEquals(LocalDate.of(2026, 11, 30), p.last());
    assertEquals(Instant.parse("2026-10-31T17:00:00Z"), p.start(WIB));
    assertEquals(Instant.parse("2026-11-30T17:00:00Z"), p.end(WIB));
    assertEquals("2026-11", p.label());
    assertEquals("period=2026-11", p.query());
  }

  @Test
  void theMonthBeforeMarchIsFebruaryWhateverItsLength() {
    RaporPeriod prev = RaporPeriod.parse("2026-03", null, null).previous();
    assertEquals(new RaporPeriod(RaporPeriod.Kind.MONTH, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), prev);
    assertEquals("2025-12", RaporPeriod.parse("2026-01", null, null).previous().label());
  }

  @Test
  void anIsoWeekRunsMondayToSunday() {
    RaporPeriod w = RaporPeriod.parse("2026-W47", null, null);
    assertEquals(LocalDate.of(2026, 11, 16), w.first());
    assertEquals(LocalDate.of(2026, 11, 22), w.last());
    assertEquals("2026-W47", w.label());
    assertEquals("2026-W46", w.previous().label());
    // week 1 of 2026 starts on Monday 29 December 2025; the week before it is 2025's last
    RaporPeriod first = RaporPeriod.parse("2026-W01", null, null);
    assertEquals(LocalDate.of(2025, 12, 29), first.first());
    assertEquals("2025-W52", first.previous().label());
    assertEquals(LocalDate.of(2026, 12, 28), RaporPeriod.parse("2026-W53", null, null).first());
  }

  @Test
  void aDayAndTheDayBefore() {
    RaporPeriod d = RaporPeriod.parse("2026-11-20", null, null);
    assertEquals(RaporPeriod.Kind.DAY, d.kind());
    assertEquals(Instant.parse("2026-11-19T17:00:00Z"), d.start(WIB));
    assertEquals(Instant.parse("2026-11-20T17:00:00Z"), d.end(WIB));
    assertEquals("2026-11-19", d.previous().label());
    assertEquals("2026-03-01", RaporPeriod.parse("2026-03-02", null, null).previous().label());
  }

  @Test
  void aRangeIncludesBothDaysAndItsPreviousIsAsLongEndingTheDayBefore() {
    RaporPeriod r = RaporPeriod.parse(null, "2026-11-10", "2026-11-16");
    assertEquals(RaporPeriod.Kind.RANGE, r.kind());
    assertEquals(Instant.parse("2026-11-16T17:00:00Z"), r.end(WIB));
    RaporPeriod prev = r.previous();
    assertEquals(LocalDate.of(2026, 11, 3), prev.first());
    assertEquals(LocalDate.of(2026, 11, 9), prev.last());
    assertEquals("from=2026-11-10&to=2026-11-16", r.query());
    assertEquals("2026-11-10..2026-11-16", r.label());
  }

  @Test
  void badPeriodsAreRefusedWithMessagesThatSayWhatIsExpected() {
    assertRefused("period '2026-13' is not a month", "2026-13", null, null);
    assertRefused("2026 has ISO weeks 1 to 53", "2026-W54", null, null);
    assertRefused("2025 has ISO weeks 1 to 52", "2025-W53", null, null);
    assertRefused("is not a day (2026-11-20), an ISO week (2026-W47) or a month", "november", null, null);
    assertRefused("'2026-02-30' is not a date", "2026-02-30", null, null);
    assertRefused("period is required", null, null, null);
    assertRefused("period is required", null, "2026-11-01", null);
    assertRefused("either period or from and to", "2026-11", "2026-11-01", "2026-11-02");
    assertRefused("ends (2026-11-01) before it starts (2026-11-02)", null, "2026-11-02", "2026-11-01");
    assertRefused("at most 400 days", null, "2025-01-01", "2026-11-01");
    assertRefused("from 'yesterday' is not a date", null, "yesterday", "2026-11-01");
  }

  private static void assertRefused(String expected, String period, String from, String to) {
    var e = assertThrows(IllegalArgumentException.class, () -> RaporPeriod.parse(period, from, to));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
