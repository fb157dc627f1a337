package id.pantau.dashboard.alert;

import static id.pantau.dashboard.alert.Kpis.input;
import static id.pantau.dashboard.alert.Kpis.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.kpi.AirQuality;
import id.pantau.dashboard.readmodel.PollutantMean;
import id.pantau.wire.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class IspuRuleTest {
  final IspuRule rule = new IspuRule();

  /** PM2.5 24-hour means: 55.4 is ISPU 100, 150.4 is 200, 250.4 is 300. */
  AlertCondition pm25(double mean) {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, mean, 1440)));
    return only(rule.evaluate(input(Kpis.air(air))).orElseThrow());
  }

  @Test
  void tidakSehatOpensAWatchSangatTidakSehatAWarningBerbahayaADanger() {
    AlertCondition tidakSehat = pm25(56);
    assertEquals(AlertCondition.State.OPEN, tidakSehat.state());
    assertEquals("watch", tidakSehat.severity());
    assertEquals("coblong", tidakSehat.subject());
    assertEquals("ISPU 101 (Tidak Sehat) di coblong", tidakSehat.title());
    assertEquals("AQI (ISPU) 101 (Unhealthy) in coblong", tidakSehat.titleEn());
    assertEquals("warning", pm25(150.4).severity());
    assertEquals("danger", pm25(250.4).severity());
    assertEquals("AQI (ISPU) 300 (Very Unhealthy) in coblong", pm25(250.4).titleEn());
    assertEquals("AQI (ISPU) 500 (Hazardous) in coblong", pm25(600).titleEn());
  }

  @Test
  void sedangBetweenTheLevelsHoldsAndBelowNinetyClears() {
    // Bandung: opens at 101, clears below 90
    assertEquals(AlertCondition.State.HOLD, pm25(55.4).state()); // ISPU 100
    assertEquals(AlertCondition.State.HOLD, pm25(47.5).state()); // ISPU 90
    assertEquals(AlertCondition.State.CLEAR, pm25(47).state()); // ISPU 89
  }

  @Test
  void berbahayaFromTooFewHoursOpensNothingAndHoldsWhatIsOpen() {
    // PM2.5 at 300 µg/m³ (Berbahaya) measured in 5 of the 24 hours
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 300, 300, 5, 24)));
    AlertCondition thin = only(rule.evaluate(input(Kpis.air(air))).orElseThrow());
    assertEquals(AlertCondition.State.HOLD, thin.state());
    assertEquals("ISPU di coblong: data kurang (5 jam)", thin.title());
  }

  @Test
  void withoutAirFiguresTheRuleJudgesNothing() {
    assertTrue(rule.evaluate(input(Kpis.air(null))).isEmpty());
  }
}
