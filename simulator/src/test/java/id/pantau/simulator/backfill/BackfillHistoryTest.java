package id.pantau.simulator.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioReader;
import id.pantau.wire.ComplaintEvent.Lifecycle;
import id.pantau.wire.Metric;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backfill's generators, without a database: lifecycles, office hours, rollup rows, the seed. */
class BackfillHistoryTest {
  private static final Scenario BANDUNG = load();
  // two weeks of March 2026, the rainy season, ending at midnight in Bandung
  private static final Timeline TWO_WEEKS = Timeline.ending(OffsetDateTime.parse("2026-03-16T00:00+07:00").toInstant(),
      14 * Timeline.DAY, BANDUNG.timezone());
  private static final Map<Lifecycle, Set<Lifecycle>> NEXT = Map.of(
      Lifecycle.CREATED, Set.of(Lifecycle.DISPATCHED, Lifecycle.REJECTED),
      Lifecycle.DISPATCHED, Set.of(Lifecycle.IN_PROGRESS),
      Lifecycle.IN_PROGRESS, Set.of(Lifecycle.RESOLVED),
      Lifecycle.RESOLVED, Set.of(Lifecycle.CLOSED, Lifecycle.REOPENED),
      Lifecycle.REOPENED, Set.of(Lifecycle.IN_PROGRESS),
      Lifecycle.CLOSED, Set.of(),
      Lifecycle.REJECTED, Set.of());

  private static Scenario load() {
    try {
      return ScenarioReader.load(ScenarioReader.BUILT_IN);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void complaintsWalkTheirLifecycleInOrderAndOrdinaryOnesAreVerifiedInOfficeHours() {
    YearWeather weather = new YearWeather(BANDUNG, TWO_WEEKS, 7);
    List<ComplaintHistory.Complaint> complaints = new ComplaintHistory(BANDUNG, TWO_WEEKS, weather, 7).of("coblong");
    assertTrue(complaints.size() > 20, "two weeks of complaints: " + complaints.size());
    int reopened = 0;
    for (ComplaintHistory.Complaint c : complaints) {
      List<ComplaintHistory.Event> events = c.events();
      assertEquals(Lifecycle.CREATED, events.get(0).event(), c.id());
      assertTrue(events.get(0).ts() >= TWO_WEEKS.start().toEpochMilli(), c.id());
      for (int i = 1; i < events.size(); i++) {
        assertTrue(NEXT.get(events.get(i - 1).event()).contains(events.get(i).event()), c.id() + ": " + events);
        assertTrue(events.get(i).ts() > events.get(i - 1).ts(), c.id() + " events strictly ordered: " + events);
        assertTrue(events.get(i).ts() < TWO_WEEKS.end().toEpochMilli(), c.id() + " nothing after the end");
      }
      if (events.size() > 1 && c.priority().equals("normal") && events.get(1).event() == Lifecycle.DISPATCHED) {
        LocalDateTime verified = LocalDateTime.ofInstant(Instant.ofEpochMilli(events.get(1).ts()), BANDUNG.timezone());
        assertTrue(WorkingHours.isWorkingDay(verified) && verified.getHour() >= 8 && !verified.toLocalTime()
            .isAfter(WorkingHours.CLOSES), c.id() + " verified in office hours: " + verified);
      }
      reopened += events.stream().anyMatch(e -> e.event() == Lifecycle.REOPENED) ? 1 : 0;
    }
    assertTrue(complaints.stream().anyMatch(c -> c.events().get(c.events().size() - 1).event() == Lifecycle.CLOSED));
    assertTrue(complaints.stream().anyMatch(c -> c.events().size() < 5), "some still open at the end");
  }

  @Test
  void officeTimeSkipsTheWeekend() {
    // Friday 6 March 2026, 15:00: two office hours later is Monday 9 March, 09:00
    assertEquals(LocalDateTime.parse("2026-03-09T09:00"), WorkingHours.plus(LocalDateTime.parse("2026-03-06T15:00"), 120));
    // received on Saturday night: the office first sees it on Monday at 08:00
    assertEquals(LocalDateTime.parse("2026-03-09T08:30"), WorkingHours.plus(LocalDateTime.parse("2026-03-07T21:00"), 30));
  }

  @Test
  void rollupRowsHoldTheirReadingsCountSumMinAndMax() throws Exception {
    YearWeather weather = new YearWeather(BANDUNG, TWO_WEEKS, 3);
    Outages outages = new Outages(BANDUNG, TWO_WEEKS, 3);
    TelemetryHistory telemetry = new TelemetryHistory(BANDUNG, TWO_WEEKS, weather, outages, 3);
    List<long[]> lines = new ArrayList<>();
    int rows = telemetry.day(2, "coblong", 5, ids(), (k, m, minute, count, sum, min, max) ->
        lines.add(new long[] {k, m, minute, count, sum, min, max}));
    assertEquals(rows, lines.size());
    long streetlightReadings = 0;
    for (long[] f : lines) {
      String line = Arrays.toString(f);
      long count = f[3];
      assertTrue(count >= 1 && f[5] <= f[6] && f[5] * count <= f[4] && f[4] <= f[6] * count, line);
      assertEquals(5, f[0]);
      assertTrue(f[2] >= TWO_WEEKS.startEpochMinute() + 2 * Timeline.DAY && f[2] < TWO_WEEKS.startEpochMinute() + 3 * Timeline.DAY);
      if (f[1] == Metric.PM25.ordinal() + 1) {
        assertEquals(1, count, "one air-quality station in coblong: " + line);
      }
      if (f[1] == Metric.STREETLIGHT_POWER_W.ordinal() + 1) {
        streetlightReadings += count;
      }
    }
    int away = 0;
    for (int m = 2 * Timeline.DAY; m < 3 * Timeline.DAY; m++) {
      away += outages.away("coblong", m) ? 1 : 0;
    }
    // six street lights reading every 5 minutes: 288 readings each a day, fewer while the gateway is away
    assertTrue(streetlightReadings <= 6 * 288 && streetlightReadings >= 6 * 288 - 6 * (away / 5 + 1),
        streetlightReadings + " streetlight readings, " + away + " minutes away");
  }

  @Test
  void theSameSeedWritesTheSameHistoryAndAnotherSeedAnother() throws Exception {
    assertEquals(history(11), history(11));
    assertNotEquals(history(11), history(12));
  }

  private static String history(long seed) throws Exception {
    YearWeather weather = new YearWeather(BANDUNG, TWO_WEEKS, seed);
    Outages outages = new Outages(BANDUNG, TWO_WEEKS, seed);
    StringBuilder text = new StringBuilder();
    new TelemetryHistory(BANDUNG, TWO_WEEKS, weather, outages, seed).day(5, "andir", 1, ids(),
        (k, m, minute, count, sum, min, max) -> text.append(List.of(k, m, minute, count, sum, min, max)).append('\n'));
    new ComplaintHistory(BANDUNG, TWO_WEEKS, weather, seed).of("andir").forEach(c -> text.append(c).append('\n'));
    return text.toString();
  }

  private static Map<Metric, Short> ids() {
    Map<Metric, Short> ids = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      ids.put(m, (short) (m.ordinal() + 1));
    }
    return ids;
  }
}
