package id.pantau.dashboard.alert;

import static id.pantau.dashboard.alert.Kpis.NOW;
import static id.pantau.dashboard.alert.Kpis.input;
import static id.pantau.dashboard.alert.Kpis.only;
import static id.pantau.dashboard.alert.Kpis.quality;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.quality.SensorState;
import id.pantau.dashboard.quality.SensorStatus;
import org.junit.jupiter.api.Test;

class SensorHealthRuleTest {
  final SensorHealthRule rule = new SensorHealthRule();

  AlertCondition of(SensorState state, String reason) {
    return only(rule.evaluate(input(quality(new SensorStatus("aq-coblong-09", "coblong", state, reason, NOW, null,
        NOW)))).orElseThrow());
  }

  @Test
  void suspectAndSilentSensorsOpenAMaintenanceAlertForTheirKecamatan() {
    AlertCondition stuck = of(SensorState.SUSPECT, "stuck");
    assertEquals(AlertCondition.State.OPEN, stuck.state());
    assertEquals("maintenance", stuck.severity(), "its own kind, never a hazard severity");
    assertEquals("coblong", stuck.kecamatan());
    assertEquals("sensor_health/aq-coblong-09", stuck.key());
    assertEquals("Sensor aq-coblong-09 perlu diperiksa: nilai tidak berubah", stuck.title());
    assertEquals("Sensor aq-coblong-09 needs a technician: stuck", stuck.titleEn());
    assertEquals(AlertCondition.State.OPEN, of(SensorState.SILENT, "silent").state());
  }

  @Test
  void okOutOfRangeAndMaintenanceClear() {
    assertEquals(AlertCondition.State.CLEAR, of(SensorState.OK, null).state());
    assertEquals(AlertCondition.State.CLEAR, of(SensorState.OUT_OF_RANGE, "out_of_range").state());
    assertEquals(AlertCondition.State.CLEAR, of(SensorState.MAINTENANCE, "maintenance").state());
  }

  @Test
  void beforeTheFirstAssessmentItsAlertsAreLeftAsTheyAre() {
    assertTrue(rule.evaluate(input(CityKpis.none("bandung"))).isEmpty());
  }
}
