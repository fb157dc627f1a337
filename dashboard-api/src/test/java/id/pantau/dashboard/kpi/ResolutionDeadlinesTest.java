package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.City;
import id.pantau.city.Kecamatan;
import id.pantau.city.ResolutionRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolutionDeadlinesTest {
  static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  // 2026-11-20 is a Friday
  static final Instant FRIDAY_3PM = LocalDate.of(2026, 11, 20).atTime(15, 0).atZone(WIB).toInstant();

  static City city(Set<LocalDate> holidays) {
    return new City("bandung", "Kota Bandung", WIB, List.of(new Kecamatan("coblong", "Coblong", "north")), List.of(),
        List.of(new ResolutionRule("banjir", 6, ResolutionRule.Unit.HOURS)),
        new ResolutionRule("default", 3, ResolutionRule.Unit.WORKING_DAYS),
        new ResolutionRule("verification", 1, ResolutionRule.Unit.WORKING_DAYS), holidays, null, false);
  }

  @Test
  void workingDaysSkipTheWeekend() {
    // given a complaint created Friday 15:00 with a 3-working-day target
    var deadlines = new ResolutionDeadlines(city(Set.of()));
    // then it is due Wednesday 15:00 local time (Mon, Tue, Wed count; Sat and Sun do not)
    assertEquals(LocalDate.of(2026, 11, 25).atTime(15, 0).atZone(WIB).toInstant(), deadlines.deadline(FRIDAY_3PM, "sampah"));
  }

  @Test
  void aHolidayInsideTheWindowPushesTheDeadline() {
    var deadlines = new ResolutionDeadlines(city(Set.of(LocalDate.of(2026, 11, 24))));
    assertEquals(LocalDate.of(2026, 11, 26).atTime(15, 0).atZone(WIB).toInstant(), deadlines.deadline(FRIDAY_3PM, "sampah"));
  }

  @Test
  void verificationDeadlineFollowsTheCitysVerificationRule() {
    // one working day after Friday 15:00 is Monday 15:00
    assertEquals(LocalDate.of(2026, 11, 23).atTime(15, 0).atZone(WIB).toInstant(),
        new ResolutionDeadlines(city(Set.of())).verificationDeadline(FRIDAY_3PM));
  }

  @Test
  void hourTargetsIgnoreWeekends() {
    var deadlines = new ResolutionDeadlines(city(Set.of()));
    assertEquals(FRIDAY_3PM.plusSeconds(6 * 3600), deadlines.deadline(FRIDAY_3PM, "banjir"));
  }

  @Test
  void breachIsComputedAcrossAWeekend() {
    var deadlines = new ResolutionDeadlines(city(Set.of()));
    Instant monday = LocalDate.of(2026, 11, 23).atTime(15, 0).atZone(WIB).toInstant();
    Instant thursday = LocalDate.of(2026, 11, 26).atTime(9, 0).atZone(WIB).toInstant();
    // resolved Monday: in time, although three calendar days passed
    assertFalse(deadlines.breached(FRIDAY_3PM, monday, "sampah", thursday));
    // still open on Thursday: breached
    assertTrue(deadlines.breached(FRIDAY_3PM, null, "sampah", thursday));
    // a flood report open for 7 hours over the weekend: breached
    assertTrue(deadlines.breached(FRIDAY_3PM, null, "banjir", FRIDAY_3PM.plusSeconds(7 * 3600)));
  }

  @Test
  void lebaranJointLeaveDaysPushTheVerificationTargetPastThem() {
    // given Bandung's shipped calendar and a complaint received on Tuesday 17 March 2026, 10:00 WIB
    var deadlines = new ResolutionDeadlines(id.pantau.city.CityFiles.load("classpath:cities/bandung.json"));
    Instant received = LocalDate.of(2026, 3, 17).atTime(10, 0).atZone(WIB).toInstant();
    // then its 3 working days skip Nyepi (19th), the joint-leave days 18, 20, 23, 24 March and the
    // weekend of Idul Fitri: verification is due Friday 27 March, not Tuesday 24 March
    assertEquals(LocalDate.of(2026, 3, 27).atTime(10, 0).atZone(WIB).toInstant(), deadlines.verificationDeadline(received));
  }
}
