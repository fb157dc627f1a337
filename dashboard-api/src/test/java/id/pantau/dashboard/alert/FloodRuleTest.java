package id.pantau.dashboard.alert;

import static id.pantau.dashboard.TestCities.CIKAPUNDUNG;
import static id.pantau.dashboard.TestCities.value;
import static id.pantau.dashboard.alert.Kpis.NOW;
import static id.pantau.dashboard.alert.Kpis.input;
import static id.pantau.dashboard.alert.Kpis.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.kpi.FloodStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodRuleTest {
  final FloodRule rule = new FloodRule();

  AlertCondition at(double cm) {
    FloodStatus flood = FloodStatus.of(List.of(CIKAPUNDUNG),
        List.of(value("wl-cikapundung-01", "coblong", "water_level_cm", cm, NOW)));
    return only(rule.evaluate(input(Kpis.flood(flood))).orElseThrow());
  }

  @Test
  void theSeverityFollowsTheSiagaLevelSoAnOpenAlertEscalatesInPlace() {
    // wl-cikapundung-01: siaga 3 at 150 cm, siaga 2 at 200, siaga 1 at 250
    assertEquals(List.of("watch", "warning", "danger"),
        List.of(at(150).severity(), at(210).severity(), at(262).severity()));
    assertEquals(AlertCondition.State.OPEN, at(150).state());
    assertEquals("wl-cikapundung-01", at(262).subject());
    assertEquals("Siaga 1 on the Cikapundung: 262 cm at wl-cikapundung-01", at(262).titleEn());
    assertEquals("Siaga 2 Cikapundung: 210.5 cm di wl-cikapundung-01", at(210.5).title());
    assertEquals(262.0, at(262).value());
  }

  @Test
  void itClearsOnlyWellBelowSiagaThree() {
    // hysteresis 10 cm: 140 to 150 holds, below 140 clears
    assertEquals(AlertCondition.State.HOLD, at(145).state());
    assertEquals(AlertCondition.State.HOLD, at(140).state());
    assertEquals(AlertCondition.State.CLEAR, at(139).state());
  }

  @Test
  void aGaugeWithoutDataRaisesNothingAndMissingFiguresJudgeNothing() {
    FloodStatus silent = FloodStatus.of(List.of(CIKAPUNDUNG), List.of());
    assertEquals(List.of(), rule.evaluate(input(Kpis.flood(silent))).orElseThrow());
    assertTrue(rule.evaluate(input(Kpis.flood(null))).isEmpty());
  }
}
