package id.pantau.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.simulator.gateway.CityPlan;
import id.pantau.simulator.gateway.GatewayPlan;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioReader;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fault schedule on its own: a small city sampled once a model minute for an hour (the
 * model clock at wall speed, so minute m is {@code T0 + m} minutes), with and without faults.
 */
class FaultScheduleTest {
  private static final long T0 = 1_763_942_400_000L;
  private static final long MINUTE = 60_000;
  private static final int MINUTES = 60;

  private static Scenario city(String faults) {
    return ScenarioReader.parse("faults.json", """
        {"city": "bandung", "gatewaysPerKecamatan": 1,
         "plausibility": {"temperature_c": {"min": -10, "max": 50}},
         "kecamatan": [
           {"slug": "coblong", "zone": "north", "sensors": {"air_quality": 1, "weather": 1, "rain": 1, "traffic": 2}},
           {"slug": "regol", "zone": "central", "sensors": {"noise": 4, "weather": 2}}],
         "riverGauges": [{"sensor": "wl-cikapundung-01", "river": "Cikapundung", "kecamatan": "coblong",
           "baseCm": 80, "siaga3Cm": 150, "siaga1Cm": 250, "catchment": ["north"], "rangeCm": {"min": 0, "max": 800}}],
         "faults": [%s]}
        """.formatted(faults));
  }

  /** Every slot's readings as sent, by {@code sensor/metric}; null where a fault withheld one. */
  private record Run(Map<String, List<SlotFaults.Sent>> sent, List<FaultSummary> summaries,
      Map<String, SlotFaults.Marks> marks) {
    List<SlotFaults.Sent> of(String slot) {
      return sent.get(slot);
    }
  }

  private static Run run(Scenario scenario, long seed) {
    ModelClock clock = new ModelClock(T0, ZoneId.of("Asia/Jakarta"), LocalTime.of(12, 0), 1);
    CityModel model = new CityModel(scenario, clock);
    List<GatewayPlan> plans = CityPlan.build(scenario, model, seed, false, false, "t");
    FaultSchedule faults = new FaultSchedule(scenario, clock, seed);
    plans.forEach(p -> faults.attach(p.gatewayId(), p.slots()));
    Map<String, List<SlotFaults.Sent>> sent = new LinkedHashMap<>();
    for (GatewayPlan p : plans) {
      for (SensorSlot s : p.slots()) {
        List<SlotFaults.Sent> out = new ArrayList<>();
        for (int m = 0; m < MINUTES; m++) {
          long ts = s.nextTimestamp(T0 + m * MINUTE);
          double v = model.value(s, ts);
          out.add(s.faults().isEmpty() ? new SlotFaults.Sent(ts, v) : s.faults().apply(ts, v));
        }
        sent.put(s.sensor() + "/" + s.metric().wireName(), out);
      }
    }
    return new Run(sent, faults.summaries(), faults.marks());
  }

  @Test
  void aFaultChangesOnlyItsTargetAndOnlyInItsWindow() {
    Run clean = run(city(""), 7);
    Run faulty = run(city("""
        {"kind": "unit_mixup", "sensor": "aq-coblong-01", "metric": "pm25", "startMinute": 10, "durationMinutes": 20}"""), 7);
    for (String slot : clean.sent().keySet()) {
      for (int m = 0; m < MINUTES; m++) {
        boolean touched = slot.equals("aq-coblong-01/pm25") && m >= 10 && m < 30;
        SlotFaults.Sent c = clean.of(slot).get(m);
        SlotFaults.Sent f = faulty.of(slot).get(m);
        assertEquals(c.ts(), f.ts(), slot + " minute " + m);
        assertEquals(touched ? c.value() * 1000 : c.value(), f.value(), 1e-6, slot + " minute " + m);
      }
    }
    FaultSummary s = faulty.summaries().get(0);
    assertEquals(20, s.changed());
    assertEquals("#1 unit_mixup aq-coblong-01/pm25 from minute 10 for 20 min", s.description());
  }

  @Test
  void aUnitMixUpIsImplausibleOnPurposeOnlyWhereItsValueLeavesTheRange() {
    // pm25 of tens of ug/m3 times 1000 is far beyond 1000; a dry rain gauge's 0 times 1000 is still 0
    Run run = run(city("""
        {"kind": "unit_mixup", "sensor": "aq-coblong-01", "metric": "pm25", "startMinute": 0},
        {"kind": "unit_mixup", "sensor": "rg-coblong-01", "startMinute": 0}"""), 1);
    assertEquals(MINUTES, run.summaries().get(0).implausible());
    assertEquals(MINUTES, run.summaries().get(1).changed());
    assertEquals(0, run.summaries().get(1).implausible());
    SlotFaults.Marks pm25 = run.marks().get("aq-coblong-01/pm25");
    assertEquals(MINUTES, pm25.implausible().cardinality());
    assertEquals(0, run.marks().get("rg-coblong-01/rainfall_mm").implausible().cardinality());
  }

  @Test
  void aStuckSensorRepeatsTheValueItHadWhenTheFaultBegan() {
    Run clean = run(city(""), 3);
    Run run = run(city("""
        {"kind": "stuck", "sensor": "wx-coblong-01", "startMinute": 5, "durationMinutes": 30}"""), 3);
    for (String metric : List.of("temperature_c", "humidity_pct")) {
      List<SlotFaults.Sent> sent = run.of("wx-coblong-01/" + metric);
      double held = clean.of("wx-coblong-01/" + metric).get(5).value();
      for (int m = 5; m < 35; m++) {
        assertEquals(held, sent.get(m).value(), metric + " minute " + m);
      }
      assertEquals(clean.of("wx-coblong-01/" + metric).get(35).value(), sent.get(35).value(), "moves again after");
    }
    assertEquals(60, run.summaries().get(0).changed(), "30 minutes of two metrics");
    assertEquals(0, run.summaries().get(0).implausible(), "a stuck value is a plausible one");
  }

  @Test
  void spikesFollowTheSeedAndTheirProbability() {
    String spike = """
        {"kind": "spike", "sensor": "wl-cikapundung-01", "startMinute": 0, "delta": 200, "probability": 0.3}""";
    Set<Long> first = spikedTimes(run(city(spike), 11), run(city(""), 11));
    Set<Long> again = spikedTimes(run(city(spike), 11), run(city(""), 11));
    Set<Long> otherSeed = spikedTimes(run(city(spike), 12), run(city(""), 12));
    assertEquals(first, again, "the same seed spikes the same readings");
    assertNotEquals(first.stream().map(t -> t - T0).toList(), otherSeed.stream().map(t -> t - T0).toList());
    assertTrue(first.size() >= 8 && first.size() <= 30, "about 30% of 60: " + first.size());
    // 80 cm plus 200 stays within the gauge's 0-800: a spike, not an implausible reading
    assertEquals(0, run(city(spike), 11).summaries().get(0).implausible());
  }

  private static Set<Long> spikedTimes(Run faulty, Run clean) {
    Set<Long> out = new HashSet<>();
    List<SlotFaults.Sent> f = faulty.of("wl-cikapundung-01/water_level_cm");
    List<SlotFaults.Sent> c = clean.of("wl-cikapundung-01/water_level_cm");
    for (int m = 0; m < MINUTES; m++) {
      if (f.get(m).value() != c.get(m).value()) {
        assertEquals(200, f.get(m).value() - c.get(m).value(), 1e-9);
        out.add(f.get(m).ts());
      }
    }
    return out;
  }

  @Test
  void aSilentSensorSendsNothingInItsWindowWhileItsGatewayGoesOn() {
    Run run = run(city("""
        {"kind": "silent", "sensor": "tc-coblong-02", "startMinute": 10, "durationMinutes": 15}"""), 1);
    for (String metric : List.of("traffic_count", "traffic_speed_kmh")) {
      List<SlotFaults.Sent> sent = run.of("tc-coblong-02/" + metric);
      for (int m = 0; m < MINUTES; m++) {
        assertEquals(m >= 10 && m < 25, sent.get(m) == null, metric + " minute " + m);
      }
    }
    assertTrue(run.of("tc-coblong-01/traffic_count").stream().allMatch(s -> s != null));
    assertEquals(30, run.summaries().get(0).withheld());
    assertEquals(0, run.summaries().get(0).changed());
  }

  @Test
  void aGatewayDropsTheShareOfItsSensorsTheSeedChooses() {
    String dropout = """
        {"kind": "dropout", "gateway": "bandung.regol.gw1", "share": 0.5, "startMinute": 20}""";
    Set<String> silenced = silencedSensors(run(city(dropout), 5));
    assertEquals(3, silenced.size(), "half of regol's 6 sensors: " + silenced);
    assertEquals(silenced, silencedSensors(run(city(dropout), 5)), "the same seed drops the same sensors");
    assertTrue(silenced.stream().allMatch(s -> s.contains("-regol-")));
    FaultSummary summary = run(city(dropout), 5).summaries().get(0);
    assertTrue(summary.detail().startsWith("silenced 3 of 6 sensors"), summary.detail());
  }

  private static Set<String> silencedSensors(Run run) {
    Set<String> out = new HashSet<>();
    run.sent().forEach((slot, sent) -> {
      if (sent.get(20) == null) {
        out.add(slot.substring(0, slot.indexOf('/')));
        assertFalse(sent.subList(0, 20).contains(null), slot + " sent until minute 20");
        assertTrue(sent.subList(20, MINUTES).stream().allMatch(s -> s == null), slot + " silent from minute 20");
      }
    });
    return out;
  }

  @Test
  void aDriftingClockFallsFurtherBehindAndIsSetRightWhenTheFaultEnds() {
    // 900 s an hour: a quarter of a second a second, 15 s behind after a minute
    Run clean = run(city(""), 1);
    Run run = run(city("""
        {"kind": "clock_drift", "gateway": "bandung.coblong.gw1", "lagSecondsPerHour": 900,
         "startMinute": 10, "durationMinutes": 20}"""), 1);
    List<SlotFaults.Sent> sent = run.of("wl-cikapundung-01/water_level_cm");
    List<SlotFaults.Sent> truth = clean.of("wl-cikapundung-01/water_level_cm");
    for (int m = 0; m < MINUTES; m++) {
      long lag = truth.get(m).ts() - sent.get(m).ts();
      long expected = m >= 10 && m < 30 ? (m - 10) * 15_000L : 0;
      assertEquals(expected, lag, "minute " + m);
      assertEquals(truth.get(m).value(), sent.get(m).value(), "the value is the true one, only its time is wrong");
      if (m > 0) {
        assertTrue(sent.get(m).ts() > sent.get(m - 1).ts(), "timestamps still increase");
      }
    }
    assertTrue(run.of("aq-coblong-01/pm25").get(20).ts() < clean.of("aq-coblong-01/pm25").get(20).ts(),
        "every sensor of the gateway drifts");
    assertEquals(clean.of("nz-regol-01/noise_db"), run.of("nz-regol-01/noise_db"), "other gateways keep time");
    assertEquals("clock up to 285.0 s behind", run.summaries().get(0).detail());
  }

  @Test
  void faultsOnOneSlotCombineAndAreMarkedTogether() {
    Run run = run(city("""
        {"kind": "stuck", "sensor": "wx-regol-02", "metric": "temperature_c", "startMinute": 0, "value": 24},
        {"kind": "spike", "sensor": "wx-regol-02", "metric": "temperature_c", "startMinute": 30, "delta": 40,
         "probability": 1}"""), 1);
    List<SlotFaults.Sent> sent = run.of("wx-regol-02/temperature_c");
    assertEquals(24, sent.get(29).value());
    assertEquals(64, sent.get(30).value(), "24 plus 40: beyond Bandung's 50 C");
    SlotFaults.Marks marks = run.marks().get("wx-regol-02/temperature_c");
    int i = marks.indexOf(sent.get(30).ts());
    assertEquals(0b11L, marks.faults()[i]);
    assertTrue(marks.implausible().get(i));
    assertFalse(marks.implausible().get(marks.indexOf(sent.get(29).ts())));
    assertEquals(30, run.summaries().get(1).implausible());
    assertEquals(30, run.summaries().get(0).implausible(), "both faults made those readings what they are");
  }

  @Test
  void issue15sReadingOf1e308CanBeReplayedAndNeverBecomesInfinity() {
    Run run = run(city("""
        {"kind": "stuck", "sensor": "aq-coblong-01", "metric": "pm25", "startMinute": 0, "value": 1e308},
        {"kind": "unit_mixup", "sensor": "aq-coblong-01", "metric": "pm25", "startMinute": 30}"""), 1);
    List<SlotFaults.Sent> sent = run.of("aq-coblong-01/pm25");
    assertEquals(1e308, sent.get(0).value());
    assertEquals(Double.MAX_VALUE, sent.get(30).value(), "JSON has no infinity");
    assertEquals(MINUTES, run.marks().get("aq-coblong-01/pm25").implausible().cardinality());
  }
}
