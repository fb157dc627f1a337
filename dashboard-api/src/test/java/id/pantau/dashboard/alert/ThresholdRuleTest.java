package id.pantau.dashboard.alert;

import static id.pantau.dashboard.TestCities.value;
import static id.pantau.dashboard.alert.Kpis.NOW;
import static id.pantau.dashboard.alert.Kpis.input;
import static id.pantau.dashboard.alert.Kpis.only;
import static id.pantau.dashboard.alert.Kpis.sensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.AlertRules;
import id.pantau.dashboard.kpi.CityKpis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {
  final ThresholdRule rule = new ThresholdRule();

  AlertCondition pm25(double value) {
    return only(rule.evaluate(input(sensors(value("aq-coblong-01", "coblong", "pm25", value, NOW)))).orElseThrow());
  }

  @Test
  void aboveTheThresholdOpensBetweenTheLevelsHoldsBelowTheLowerClears() {
    // Bandung: pm25 above 150 opens a warning, below 120 clears it
    AlertCondition open = pm25(160);
    assertEquals(AlertCondition.State.OPEN, open.state());
    assertEquals("pm25:aq-coblong-01", open.subject());
    assertEquals("coblong", open.kecamatan());
    assertEquals("warning", open.severity());
    assertEquals("pm25 160 at aq-coblong-01 (limit 150)", open.titleEn());
    assertEquals("pm25 160 di aq-coblong-01 (batas 150)", open.title());

    assertEquals(AlertCondition.State.HOLD, pm25(150).state()); // at the level is not above it
    assertEquals(AlertCondition.State.HOLD, pm25(120).state());
    assertEquals(AlertCondition.State.CLEAR, pm25(119.9).state());
    assertEquals("pm25 119.9 at aq-coblong-01 (limit 150)", pm25(119.9).titleEn());
  }

  @Test
  void aStaleValueNoLongerCounts() {
    // Bandung's staleMinutes is 15
    CityKpis kpis = sensors(value("aq-1", "coblong", "pm25", 400, NOW.minus(Duration.ofMinutes(15))),
        value("aq-2", "coblong", "pm25", 400, NOW.minus(Duration.ofMinutes(14))));

    List<AlertCondition> conditions = rule.evaluate(input(kpis)).orElseThrow();

    assertEquals(List.of("pm25:aq-2"), conditions.stream().map(AlertCondition::subject).toList());
  }

  @Test
  void aThresholdForOneSensorIgnoresTheOthersAndOtherMetrics() {
    AlertRules.Threshold one = new AlertRules.Threshold("noise_db", "nz-1", 85, 80, "watch");
    CityKpis kpis = sensors(value("nz-1", "coblong", "noise_db", 90, NOW), value("nz-2", "coblong", "noise_db", 95, NOW),
        value("nz-1", "coblong", "pm25", 400, NOW));

    List<AlertCondition> conditions = rule.evaluate(new AlertInput(Kpis.input(kpis).city(), kpis, List.of(one), NOW))
        .orElseThrow();

    assertEquals("noise_db:nz-1", only(conditions).subject());
    assertEquals("watch", only(conditions).severity());
  }

  @Test
  void withoutSensorValuesYetTheRuleJudgesNothing() {
    assertTrue(rule.evaluate(input(Kpis.flood(null))).isEmpty());
  }
}
