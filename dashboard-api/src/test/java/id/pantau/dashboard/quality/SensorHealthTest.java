package id.pantau.dashboard.quality;

import static id.pantau.dashboard.quality.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorHealthTest {
  final SensorHealth health = new SensorHealth(SensorHealthConfig.defaults());
  static final Duration MINUTE = Duration.ofMinutes(1);

  SensorFacts facts(Map<Metric, List<Sample>> samples, Instant lastStored, Instant gatewayLastBatch,
                    SensorFacts.Maintenance maintenance) {
    return new SensorFacts("aq-coblong-09", "coblong", samples, lastStored, lastStored, "bandung.coblong.gw1",
        gatewayLastBatch, 0L, MINUTE, maintenance);
  }

  @Test
  void statesFollowTheirPrecedence() {
    List<Sample> stuck = Samples.constant(MINUTE, 40, 35);
    Instant last = stuck.get(39).ts();
    Instant now = last.plusSeconds(30);

    SensorStatus s = health.judge(facts(Map.of(Metric.PM25, stuck), last, now, null), now);
    assertEquals(SensorState.SUSPECT, s.state());
    assertEquals("stuck", s.reason());
    assertTrue(s.state().needsTechnician());
    assertTrue(s.state().excludedFromHazards());

    // an operator's maintenance mark beats everything, raises nothing, and keeps it out of hazards
    SensorStatus m = health.judge(facts(Map.of(Metric.PM25, stuck), last, now,
        new SensorFacts.Maintenance(T0, "operator", "inlet blocked")), now);
    assertEquals(SensorState.MAINTENANCE, m.state());
    assertFalse(m.state().needsTechnician());
    assertTrue(m.state().excludedFromHazards());
    assertEquals(T0, m.since());

    // a quiet sensor is silent before it is stuck
    Instant later = last.plus(Duration.ofMinutes(10));
    SensorStatus q = health.judge(facts(Map.of(Metric.PM25, stuck), last, later, null), later);
    assertEquals(SensorState.SILENT, q.state());
    assertFalse(q.state().excludedFromHazards(), "what it said before it stopped still counts");

    // flagged readings in the window: out of range, which raises nothing
    List<Sample> flagged = List.of(new Sample(T0, 30, false), new Sample(T0.plusSeconds(60), 1e308, true));
    SensorStatus o = health.judge(facts(Map.of(Metric.PM25, flagged), T0, now, null), now);
    assertEquals(SensorState.OUT_OF_RANGE, o.state());
    assertFalse(o.state().needsTechnician());

    SensorStatus ok = health.judge(facts(Map.of(Metric.PM25, Samples.every(MINUTE, 30, 31, 32)),
        T0.plus(Duration.ofMinutes(2)), now, null), T0.plus(Duration.ofMinutes(2)));
    assertEquals(SensorState.OK, ok.state());
  }
}
