package id.pantau.dashboard.rapor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.pantau.city.City;
import id.pantau.city.CityFiles;
import id.pantau.city.Kecamatan;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * March 2026 in three kecamatan of Bandung (its real targets and the 2026 decree's holidays),
 * computed by hand: see the comments at each complaint and alert, and the table in
 * {@link #everyFigureMatchesTheHandComputedScorecard}.
 */
class RaporCalculatorTest {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final City BANDUNG = CityFiles.load("classpath:cities/bandung.json");
  private static final City CITY = new City("bandung", "Kota Bandung", WIB,
      List.of(new Kecamatan("coblong", "Coblong", "north"), new Kecamatan("sukajadi", "Sukajadi", "north"),
          new Kecamatan("andir", "Andir", "west")),
      BANDUNG.gauges().stream().filter(g -> List.of("coblong", "sukajadi", "andir").contains(g.kecamatan())).toList(),
      BANDUNG.resolutionRules(), BANDUNG.defaultRule(), BANDUNG.verificationRule(), BANDUNG.holidays(),
      null, false, null, Map.of(id.pantau.wire.Metric.PM25, java.time.Duration.ofSeconds(60),
          id.pantau.wire.Metric.WATER_LEVEL_CM, java.time.Duration.ofSeconds(300)));
  /** Thursday 2 April 2026, noon: C5's targets are still ahead, and what happens after is not known. */
  private static final Instant AS_OF = wib("2026-04-02T12:00");

  private static Instant wib(String local) {
    return LocalDateTime.parse(local).atZone(WIB).toInstant();
  }

  private static RaporInput.Complaint complaint(String id, String kec, String category, String... events) {
    List<RaporInput.Event> list = new ArrayList<>();
    for (String e : events) {
      String[] parts = e.split(" ");
      list.add(new RaporInput.Event(parts[0], wib(parts[1])));
    }
    return new RaporInput.Complaint(id, kec, category, list);
  }

  private static RaporInput.Alert alert(long id, String kec, String rule, String opened, String ack, String cleared) {
    return new RaporInput.Alert(id, kec, rule, wib(opened), ack == null ? null : wib(ack),
        cleared == null ? null : wib(cleared));
  }

  static RaporInput fixture() {
    RaporInput r = withoutUpkeep();
    List<RaporInput.GatewayDay> presence = new ArrayList<>();
    // gw-c1 (coblong, since January): March has 31 x 288 = 8928 five-minute slots; 23 full days and 72
    // slots of a 24th are 6696 slots with a batch: 75%. February: all 28 days: 100%. April is not March.
    presence.addAll(days("gw-c1", "2026-03-01", 23, 288));
    presence.add(new RaporInput.GatewayDay("gw-c1", java.time.LocalDate.parse("2026-03-24"), 72));
    presence.addAll(days("gw-c1", "2026-02-01", 28, 288));
    presence.addAll(days("gw-c1", "2026-04-01", 1, 288));
    // gw-c2 (coblong, created 16 March 00:00 WIB): 16 days of 288 slots expected, all there: 100%; none in February
    presence.addAll(days("gw-c2", "2026-03-16", 16, 288));
    // gw-s1 (sukajadi): half of every March day, 4464 of 8928: 50%; nothing in February: 0%
    presence.addAll(days("gw-s1", "2026-03-01", 31, 144));
    return new RaporInput(r.complaints(), r.alerts(), r.instructions(), r.air(), r.waterLevels(),
        List.of(new RaporInput.Gateway("gw-c1", "coblong", wib("2026-01-01T00:00")),
            new RaporInput.Gateway("gw-c2", "coblong", wib("2026-03-16T00:00")),
            new RaporInput.Gateway("gw-s1", "sukajadi", wib("2026-01-01T00:00"))),
        presence,
        List.of(
            // pm25 every 60 s: March 31 x 1440 = 44640 expected, February 28 x 1440 = 40320; pm10 has no
            // declared cadence and expects nothing
            new RaporInput.Sensor("AQ-C1", "coblong", wib("2026-01-01T00:00"), List.of("pm25", "pm10")),
            // water level every 300 s since 11 March: 21 x 288 = 6048 in March, none in February
            new RaporInput.Sensor("WL-C1", "coblong", wib("2026-03-11T00:00"), List.of("water_level_cm")),
            // first seen 1 March noon: 30.5 x 1440 = 43920 in March
            new RaporInput.Sensor("AQ-S1", "sukajadi", wib("2026-03-01T12:00"), List.of("pm25")),
            // nothing declared: andir expects nothing
            new RaporInput.Sensor("NO-A1", "andir", wib("2026-01-01T00:00"), List.of("pm10"))),
        List.of(
            // coblong March: 40320 + 5184 = 45504 of 50688 = 89.8%; February 40320 of 40320 = 100%
            count("coblong", "2026-03-15", "pm25", 40320), count("coblong", "2026-03-20", "water_level_cm", 5184),
            count("coblong", "2026-03-15", "pm10", 30000), count("coblong", "2026-02-15", "pm25", 40320),
            count("coblong", "2026-04-01", "pm25", 1440),
            // sukajadi: 44420 of 43920, at most 100%; the city: 89924 of 94608 = 95.0%
            count("sukajadi", "2026-03-15", "pm25", 44420)),
        null);
  }

  private static List<RaporInput.GatewayDay> days(String gateway, String first, int n, int slots) {
    java.time.LocalDate d = java.time.LocalDate.parse(first);
    List<RaporInput.GatewayDay> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new RaporInput.GatewayDay(gateway, d.plusDays(i), slots));
    }
    return out;
  }

  private static RaporInput.DailyCount count(String kec, String day, String metric, long n) {
    return new RaporInput.DailyCount(kec, java.time.LocalDate.parse(day), metric, n);
  }

  static RaporInput withoutUpkeep() {
    return new RaporInput(List.of(
        // Lebaran: received Tuesday 17 March; 18-24 March are holidays or joint-leave days, so verification
        // is due Friday 27 March 10:00 (met at 09:00) and follow-up (5 working days) Tuesday 31 March (met on the 30th).
        complaint("C1", "coblong", "sampah", "created 2026-03-17T10:00", "dispatched 2026-03-27T09:00",
            "resolved 2026-03-30T10:00"),
        // out of order, and reopened: verified 3 March (due 5 March), resolved 4 March, reopened 6 March,
        // resolved for good 16 March, past its follow-up target of Monday 9 March. 336 hours.
        complaint("C2", "coblong", "sampah", "created 2026-03-02T08:00", "resolved 2026-03-16T08:00",
            "resolved 2026-03-04T08:00", "reopened 2026-03-06T08:00", "dispatched 2026-03-03T08:00"),
        // a flood on a Saturday night: verified within the hour (due Wednesday 11 March 20:00), resolved after
        // 8 clock hours, past banjir's 6-hour target.
        complaint("C3", "coblong", "banjir", "created 2026-03-07T20:00", "dispatched 2026-03-07T21:00",
            "resolved 2026-03-08T04:00"),
        // February's: open when March begins, verified 2 March (due 4 March), resolved Thursday 5 March
        // (due Friday 6 March). 144 hours.
        complaint("C4", "coblong", "sampah", "created 2026-02-27T15:00", "dispatched 2026-03-02T09:00",
            "resolved 2026-03-05T15:00"),
        // received on the last day: its targets (after Good Friday) are ahead of AS_OF, so it is judged neither way;
        // its dispatch on 3 April is after AS_OF and not known
        complaint("C5", "coblong", "sampah", "created 2026-03-31T09:00", "dispatched 2026-04-03T09:00"),
        // its created event never arrived: not on the books
        complaint("X1", "coblong", "jalan", "dispatched 2026-03-10T10:00"),
        complaint("S1", "sukajadi", "banjir", "created 2026-03-11T10:00", "dispatched 2026-03-11T11:00",
            "resolved 2026-03-11T14:00"),
        // verified late (due Thursday 12 March, done the 16th) and never resolved (due Monday 16 March)
        complaint("S2", "sukajadi", "sampah", "created 2026-03-09T10:00", "dispatched 2026-03-16T10:00"),
        complaint("S3", "sukajadi", "sampah", "created 2026-02-18T10:00", "dispatched 2026-02-19T10:00",
            "resolved 2026-02-20T10:00")),
        List.of(
            alert(1, "coblong", "flood", "2026-03-10T10:00", "2026-03-10T10:10", "2026-03-10T12:00"),
            alert(2, "coblong", "threshold", "2026-03-12T08:00", "2026-03-12T08:30", "2026-03-12T09:00"),
            alert(3, "coblong", "flood", "2026-03-20T22:00", null, "2026-03-21T01:00"),
            alert(4, "sukajadi", "ispu", "2026-03-15T12:00", "2026-03-16T12:00", null),
            alert(5, null, "gateway_offline", "2026-03-05T00:00", null, null),
            alert(6, "coblong", "flood", "2026-02-25T10:00", "2026-02-25T10:20", "2026-02-25T11:00"),
            alert(7, "coblong", "threshold", "2026-04-02T13:00", null, null)),
        List.of(
            new RaporInput.Instruction(1, "coblong", wib("2026-03-10T09:00"), wib("2026-03-10T09:00")),
            new RaporInput.Instruction(2, "coblong", wib("2026-03-11T09:00"), null),
            new RaporInput.Instruction(3, "sukajadi", wib("2026-03-20T09:00"), wib("2026-04-03T09:00"))),
        List.of(
            // ISPU: PM2.5 20 is 56 (sedang; PM10 30 is 30), 10 is 32 (baik), 60 is 105 (tidak sehat), 160 is 210
            air("coblong", "2026-03-05", "pm25", 20), air("coblong", "2026-03-05", "pm10", 30),
            air("coblong", "2026-03-06", "pm25", 10), air("coblong", "2026-03-07", "pm25", 60),
            air("coblong", "2026-02-10", "pm25", 10), air("sukajadi", "2026-03-07", "pm25", 160)),
        List.of(
            // Cikapundung at coblong: siaga 3 at 150, 2 at 200, 1 at 250; Citepus at andir: 120, 160, 200
            level("coblong", "2026-03-10T01:00", 160), level("coblong", "2026-03-10T02:00", 210),
            level("coblong", "2026-03-10T03:00", 255), level("coblong", "2026-03-10T04:00", 140),
            level("andir", "2026-03-10T02:00", 130), level("coblong", "2026-02-20T10:00", 170),
            // sukajadi has no gauge in the city file: whatever its rollups say is not a siaga level
            level("sukajadi", "2026-03-10T05:00", 300)));
  }

  private static RaporInput.DailyMean air(String kec, String day, String metric, double mean) {
    return new RaporInput.DailyMean(kec, java.time.LocalDate.parse(day), metric, mean);
  }

  private static RaporInput.HourlyMax level(String kec, String hour, double cm) {
    return new RaporInput.HourlyMax(kec, wib(hour), cm);
  }

  private static Rapor rapor() {
    return new RaporCalculator(CITY).compute(RaporPeriod.parse("2026-03", null, null), fixture(), AS_OF);
  }

  /** part, figure, March, February, change, rank ("-" for null). */
  private static final String EXPECTED = """
      coblong complaints_received 4 1 3 -
      coblong complaints_resolved 4 0 4 -
      coblong verification_met_pct 100 100 0 1
      coblong verification_met_pct:banjir 100 - - -
      coblong verification_met_pct:sampah 100 100 0 -
      coblong followup_met_pct 33.33 100 -66.67 2
      coblong followup_met_pct:banjir 0 - - -
      coblong followup_met_pct:sampah 50 100 -50 -
      coblong resolve_hours_median 228 - - 2
      coblong resolve_hours_p90 328.8 - - 2
      coblong backlog_start 1 0 1 -
      coblong backlog_end 1 1 0 2
      coblong alerts_opened 3 1 2 -
      coblong alerts_opened:flood 2 1 1 -
      coblong alerts_opened:gateway_offline 0 0 0 -
      coblong alerts_opened:ispu 0 0 0 -
      coblong alerts_opened:threshold 1 0 1 -
      coblong ack_minutes_median 20 20 0 1
      coblong ack_minutes_p90 28 20 8 1
      coblong clear_minutes_median 120 60 60 -
      coblong clear_minutes_p90 168 60 108 -
      coblong alerts_unacknowledged 1 0 1 3
      coblong instructions_sent 2 0 2 -
      coblong instructions_delivered 1 0 1 -
      sukajadi complaints_received 2 1 1 -
      sukajadi complaints_resolved 1 1 0 -
      sukajadi verification_met_pct 50 100 -50 2
      sukajadi verification_met_pct:banjir 100 - - -
      sukajadi verification_met_pct:sampah 0 100 -100 -
      sukajadi followup_met_pct 50 100 -50 1
      sukajadi followup_met_pct:banjir 100 - - -
      sukajadi followup_met_pct:sampah 0 100 -100 -
      sukajadi resolve_hours_median 4 48 -44 1
      sukajadi resolve_hours_p90 4 48 -44 1
      sukajadi backlog_start 0 0 0 -
      sukajadi backlog_end 1 0 1 2
      sukajadi alerts_opened 1 0 1 -
      sukajadi alerts_opened:ispu 1 0 1 -
      sukajadi ack_minutes_median 1440 - - 2
      sukajadi ack_minutes_p90 1440 - - 2
      sukajadi clear_minutes_median - - - -
      sukajadi alerts_unacknowledged 0 0 0 1
      sukajadi instructions_sent 1 0 1 -
      sukajadi instructions_delivered 0 0 0 -
      andir complaints_received 0 0 0 -
      andir verification_met_pct - - - -
      andir resolve_hours_median - - - -
      andir backlog_end 0 0 0 1
      andir alerts_unacknowledged 0 0 0 1
      andir ack_minutes_median - - - -
      city complaints_received 6 2 4 -
      city complaints_resolved 5 1 4 -
      city verification_met_pct 80 100 -20 -
      city verification_met_pct:sampah 66.67 100 -33.33 -
      city verification_met_pct:banjir 100 - - -
      city followup_met_pct 40 100 -60 -
      city followup_met_pct:sampah 33.33 100 -66.67 -
      city followup_met_pct:banjir 50 - - -
      city resolve_hours_median 144 48 96 -
      city resolve_hours_p90 326.4 48 278.4 -
      city backlog_start 1 0 1 -
      city backlog_end 2 1 1 -
      city alerts_opened 5 1 4 -
      city alerts_opened:gateway_offline 1 0 1 -
      city ack_minutes_median 30 20 10 -
      city ack_minutes_p90 1158 20 1138 -
      city clear_minutes_median 120 60 60 -
      city clear_minutes_p90 168 60 108 -
      city alerts_unacknowledged 2 0 2 -
      city instructions_sent 3 0 3 -
      city instructions_delivered 1 0 1 -
      coblong ispu_days 3 1 2 -
      coblong ispu_days:baik 1 1 0 -
      coblong ispu_days:sedang 1 0 1 -
      coblong ispu_days:tidak_sehat 1 0 1 -
      coblong ispu_days:berbahaya 0 0 0 -
      coblong ispu_unhealthy_days 1 0 1 2
      coblong siaga_hours 3 1 2 -
      coblong siaga_hours:siaga_3 1 1 0 -
      coblong siaga_hours:siaga_2 1 0 1 -
      coblong siaga_hours:siaga_1 1 0 1 -
      sukajadi ispu_days 1 0 1 -
      sukajadi ispu_days:sangat_tidak_sehat 1 0 1 -
      sukajadi ispu_unhealthy_days 1 0 1 2
      sukajadi siaga_hours - - - -
      sukajadi siaga_hours:siaga_1 - - - -
      andir ispu_days 0 0 0 -
      andir ispu_unhealthy_days 0 0 0 1
      andir siaga_hours 1 0 1 -
      andir siaga_hours:siaga_3 1 0 1 -
      city ispu_days 3 1 2 -
      city ispu_days:baik 1 1 0 -
      city ispu_days:sedang 1 0 1 -
      city ispu_days:tidak_sehat 0 0 0 -
      city ispu_days:sangat_tidak_sehat 1 0 1 -
      city ispu_unhealthy_days 1 0 1 -
      city siaga_hours 3 1 2 -
      city siaga_hours:siaga_3 1 1 0 -
      city siaga_hours:siaga_2 1 0 1 -
      city siaga_hours:siaga_1 1 0 1 -
      coblong gateway_uptime_pct 87.5 100 -12.5 1
      sukajadi gateway_uptime_pct 50 0 50 2
      andir gateway_uptime_pct - - - -
      city gateway_uptime_pct 75 50 25 -
      coblong data_completeness_pct 89.8 100 -10.2 2
      sukajadi data_completeness_pct 100 - - 1
      andir data_completeness_pct - - - -
      city data_completeness_pct 95 100 -5 -
      """;

  @Test
  void everyFigureMatchesTheHandComputedScorecard() {
    Rapor r = rapor();
    Map<String, Rapor.Part> parts = r.kecamatan().stream().collect(Collectors.toMap(Rapor.Part::slug, p -> p));
    parts.put("city", r.total());
    List<String> wrong = new ArrayList<>();
    for (String line : EXPECTED.strip().split("\n")) {
      String[] f = line.strip().split(" +");
      Rapor.Figure figure = parts.get(f[0]).figures().get(f[1]);
      String got = figure == null ? "absent" : String.join(" ", show(figure.value()), show(figure.previous()),
          show(figure.change()), figure.rank() == null ? "-" : figure.rank().toString());
      String want = String.join(" ", Arrays.copyOfRange(f, 2, 6));
      if (!got.equals(want)) {
        wrong.add(f[0] + " " + f[1] + ": expected " + want + ", got " + got);
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static String show(Double v) {
    if (v == null) {
      return "-";
    }
    return v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
  }

  @Test
  void eachFigureNamesTheComplaintsOrAlertsBehindIt() {
    Rapor r = rapor();
    Map<String, Rapor.Figure> coblong = r.kecamatan().get(0).figures();
    assertEquals(List.of("C1", "C2", "C3", "C5"), ids(coblong.get("complaints_received")));
    // C5 is not judged yet: it is not behind the percentage
    assertEquals(List.of("C1 true", "C2 false", "C3 false"), coblong.get("followup_met_pct").items().stream()
        .map(i -> i.id() + " " + i.met()).toList());
    assertEquals(List.of("C1 true", "C2 true"), coblong.get("verification_met_pct:sampah").items().stream()
        .map(i -> i.id() + " " + i.met()).toList());
    assertEquals(List.of("C1 312.0", "C2 336.0", "C3 8.0", "C4 144.0"), coblong.get("resolve_hours_median").items()
        .stream().map(i -> i.id() + " " + i.value()).toList());
    assertEquals(List.of("C4"), ids(coblong.get("backlog_start")));
    assertEquals(List.of("C5"), ids(coblong.get("backlog_end")));
    assertEquals(List.of("3"), ids(coblong.get("alerts_unacknowledged")));
    assertEquals(List.of("3", "5"), ids(r.total().figures().get("alerts_unacknowledged")));
    assertEquals(List.of("1"), ids(coblong.get("instructions_delivered")));
    assertEquals(List.of("2026-03-07 105.0"), coblong.get("ispu_days:tidak_sehat").items().stream()
        .map(i -> i.id() + " " + i.value()).toList());
    // the city's 10 March, 02:00 WIB: coblong at siaga 2 outranks andir at siaga 3
    assertEquals(List.of("2026-03-09T19:00:00Z 210.0"), r.total().figures().get("siaga_hours:siaga_2").items().stream()
        .map(i -> i.id() + " " + i.value()).toList());
  }

  @Test
  void uptimeAndCompletenessNameTheGatewaysAndSensorsBehindThem() {
    Map<String, Rapor.Figure> coblong = rapor().kecamatan().get(0).figures();
    assertEquals(List.of("gw-c1 75.0", "gw-c2 100.0"), coblong.get("gateway_uptime_pct").items().stream()
        .map(i -> i.id() + " " + i.value()).toList());
    assertEquals(List.of("AQ-C1/pm25 44640.0", "WL-C1/water_level_cm 6048.0"), coblong.get("data_completeness_pct")
        .items().stream().map(i -> i.id() + " " + i.value()).toList());
  }

  @Test
  void uptimeIsNotToldForAPeriodWhoseBatchesTheRetentionDeleted() {
    RaporInput r = fixture();
    // batches kept since 15 February: March is told, February is not (and so no change)
    RaporInput pruned = new RaporInput(r.complaints(), r.alerts(), r.instructions(), r.air(), r.waterLevels(),
        r.gateways(), r.presence(), r.sensors(), r.received(), wib("2026-02-15T00:00"));
    Rapor.Figure uptime = new RaporCalculator(CITY).compute(RaporPeriod.parse("2026-03", null, null), pruned, AS_OF)
        .kecamatan().get(0).figures().get("gateway_uptime_pct");
    assertEquals(87.5, uptime.value());
    assertNull(uptime.previous());
    assertNull(uptime.change());
  }

  @Test
  void theLebaranComplaintIsVerifiedInTimeOnlyBecauseTheJointLeaveDaysCount() {
    Rapor.Figure verification = rapor().kecamatan().get(0).figures().get("verification_met_pct");
    assertEquals(Boolean.TRUE, verification.items().stream().filter(i -> i.id().equals("C1")).findFirst().orElseThrow().met());
    City withoutJointLeave = new City("bandung", "Kota Bandung", WIB, CITY.kecamatan(), List.of(), CITY.resolutionRules(),
        CITY.defaultRule(), CITY.verificationRule(), new id.pantau.city.HolidayCalendar(BANDUNG.holidays().days().stream()
            .filter(h -> h.kind() != id.pantau.city.Holiday.Kind.JOINT_LEAVE).toList()), null, false, null);
    Rapor.Figure naive = new RaporCalculator(withoutJointLeave).compute(RaporPeriod.parse("2026-03", null, null),
        fixture(), AS_OF).kecamatan().get(0).figures().get("verification_met_pct");
    assertEquals(Boolean.FALSE, naive.items().stream().filter(i -> i.id().equals("C1")).findFirst().orElseThrow().met());
  }

  @Test
  void aKecamatanWithNothingToJudgeIsNotRanked() {
    Rapor.Part andir = rapor().kecamatan().get(2);
    assertNull(andir.figures().get("followup_met_pct").rank());
    assertEquals(1, andir.figures().get("backlog_end").rank());
  }

  private static List<String> ids(Rapor.Figure f) {
    return f.items().stream().map(Rapor.Item::id).toList();
  }
}
