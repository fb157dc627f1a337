package id.pantau.dashboard.alert;

import static id.pantau.dashboard.alert.Kpis.NOW;
import static id.pantau.dashboard.alert.Kpis.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.AlertRules;
import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.ComplaintRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplaintBreachRuleTest {
  final ComplaintBreachRule rule = new ComplaintBreachRule();

  static ComplaintStatus status(Map<String, Map<String, Long>> open, List<ComplaintRow> breaches) {
    return new ComplaintStatus(0, open, 0, new ComplaintRows.TimeToResolve(0, null, null), breaches, List.of());
  }

  static List<ComplaintRow> openBreaches(String kecamatan, int n) {
    List<ComplaintRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new ComplaintRow(kecamatan + i, kecamatan, "banjir", NOW.minus(Duration.ofDays(9)), null, "created"));
    }
    return rows;
  }

  @Test
  void openBreachesRaiseAWatchFromOneAndAWarningFromFive() {
    List<ComplaintRow> breaches = new ArrayList<>(openBreaches("coblong", 1));
    breaches.addAll(openBreaches("sukajadi", 5));
    // a late but resolved complaint no longer holds an alert open
    breaches.add(new ComplaintRow("done", "cidadap", "banjir", NOW.minus(Duration.ofDays(9)), NOW, "resolved"));
    ComplaintStatus status = status(Map.of("coblong", Map.of("banjir", 1L), "sukajadi", Map.of("banjir", 5L),
        "cidadap", Map.of("sampah", 2L)), breaches);

    List<AlertCondition> conditions = rule.evaluate(input(Kpis.complaints(status))).orElseThrow();

    assertEquals(List.of("cidadap CLEAR 0.0", "coblong OPEN watch", "sukajadi OPEN warning"), conditions.stream()
        .map(c -> c.subject() + " " + c.state() + " " + (c.state() == AlertCondition.State.OPEN ? c.severity()
            : c.value())).toList());
    assertEquals("5 complaints past their resolution target in sukajadi", conditions.get(2).titleEn());
    assertEquals("5 pengaduan melewati target penyelesaian di sukajadi", conditions.get(2).title());
  }

  @Test
  void aCityThatTurnedTheRuleOffClearsWhatItOpened() {
    AlertRules off = new AlertRules(List.of(), 10, 101, 90, false, 10, 15);
    var city = TestCities.city("bandung", off);
    ComplaintStatus status = status(Map.of("coblong", Map.of("banjir", 1L)), openBreaches("coblong", 1));

    assertEquals(List.of(), rule.evaluate(new AlertInput(city, Kpis.complaints(status), List.of(), NOW)).orElseThrow());
    assertTrue(rule.evaluate(input(Kpis.complaints(null))).isEmpty());
  }
}
