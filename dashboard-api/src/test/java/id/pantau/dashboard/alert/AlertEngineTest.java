package id.pantau.dashboard.alert;

import static id.pantau.dashboard.TestCities.value;
import static id.pantau.dashboard.alert.Kpis.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.kpi.Failures;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's isolation: a rule or a city that fails stops no other, and shows in the failures. */
class AlertEngineTest {
  final City bandung = TestCities.city("bandung");
  final City garut = TestCities.city("garut");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final Failures failures = new Failures(clock, null);
  final RecordingLedger ledger = new RecordingLedger();

  /** pm25 at 160 in both cities: the threshold rule opens an alert in each. */
  final Map<String, CityKpis> kpis = Map.of(
      "bandung", Kpis.sensors(value("aq-1", "coblong", "pm25", 160, NOW)),
      "garut", Kpis.sensors(value("aq-7", "coblong", "pm25", 160, NOW)));

  /** What the engine asked the store to do, per city; a city in {@code failing} cannot reach its store. */
  static final class RecordingLedger implements AlertLedger {
    final Map<String, Map<String, List<AlertCondition>>> reconciled = new HashMap<>();
    final Set<String> failing = new java.util.HashSet<>();

    @Override
    public List<AlertRules.Threshold> thresholds(City city, int cityId) throws SQLException {
      if (failing.contains(city.slug())) {
        throw new SQLException("connection refused");
      }
      return city.alerts().thresholds();
    }

    @Override
    public void reconcile(City city, int cityId, Map<String, List<AlertCondition>> verdicts) {
      reconciled.put(city.slug(), verdicts);
    }
  }

  /** A rule with a bug: it throws for every city. */
  static final class BrokenRule implements AlertRule {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public Optional<List<AlertCondition>> evaluate(AlertInput in) {
      throw new IllegalStateException("index out of range");
    }
  }

  AlertEngine engine(List<AlertRule> rules) {
    return new AlertEngine(TestCities.directory(bandung, garut), city -> Optional.ofNullable(kpis.get(city)),
        new AlertRuleEvaluator(rules), ledger, failures, clock);
  }

  @Test
  void aRuleThatThrowsDoesNotStopTheOthersAndItsAlertsAreLeftAlone() {
    AlertEngine engine = engine(List.of(new BrokenRule(), new ThresholdRule(), new FloodRule()));

    engine.evaluateAll();

    // the threshold rule was judged after the broken one; the broken one has no verdict (its alerts stay)
    Map<String, List<AlertCondition>> verdicts = ledger.reconciled.get("bandung");
    assertEquals(Set.of("threshold"), verdicts.keySet(), "flood has no figures yet: no verdict either");
    assertEquals(AlertCondition.State.OPEN, verdicts.get("threshold").get(0).state());
    assertEquals(List.of("bandung rule:broken IllegalStateException: index out of range 1",
        "garut rule:broken IllegalStateException: index out of range 1"), described(failures.current()));
  }

  @Test
  void aCityThatFailsDoesNotStopTheOthers() {
    ledger.failing.add("bandung");
    AlertEngine engine = engine(List.of(new ThresholdRule()));

    engine.evaluateAll();
    engine.evaluateAll();

    assertEquals(Set.of("garut"), ledger.reconciled.keySet());
    assertEquals(List.of("bandung alerts SQLException: connection refused 2"), described(failures.current()));
    assertEquals(NOW, failures.current().get(0).since());
    assertEquals(2, engine.evaluations());
  }

  @Test
  void aFailureLeavesTheHealthRecordWhenThePartRecovers() {
    ledger.failing.add("bandung");
    AlertEngine engine = engine(List.of(new ThresholdRule()));
    engine.evaluateAll();

    ledger.failing.clear();
    engine.evaluateAll();

    assertTrue(failures.current().isEmpty(), failures.current().toString());
    assertTrue(ledger.reconciled.containsKey("bandung"));
  }

  @Test
  void aCityWithoutKpisYetIsSkippedWithoutFailing() {
    AlertEngine engine = new AlertEngine(TestCities.directory(bandung, garut),
        city -> city.equals("garut") ? Optional.of(kpis.get("garut")) : Optional.empty(),
        AlertRuleEvaluator.standard(), ledger, failures, clock);

    engine.evaluateAll();

    assertEquals(Set.of("garut"), ledger.reconciled.keySet());
    assertTrue(failures.current().isEmpty());
  }

  @Test
  void theStandardRulesJudgeOnlyTheRulesWhoseFiguresAreThere() {
    AlertEngine engine = new AlertEngine(TestCities.directory(bandung), city -> Optional.of(kpis.get(city)),
        AlertRuleEvaluator.standard(), ledger, failures, clock);

    engine.evaluateAll();

    // complaints and gateways are on in Bandung but their figures are missing: no verdict, nothing cleared
    assertEquals(Set.of("threshold"), ledger.reconciled.get("bandung").keySet());
  }

  static List<String> described(List<Failures.Failure> list) {
    List<String> out = new ArrayList<>();
    list.forEach(f -> out.add(f.city() + " " + f.part() + " " + f.error() + " " + f.attempts()));
    return out;
  }

  @Test
  void failuresAreKeptPerCityAndPart() {
    failures.failed("bandung", "view:flood", new IllegalArgumentException("bad"));
    failures.failed("bandung", "view:flood", new IllegalArgumentException("worse"));
    failures.failed("bandung", "view:air", new IllegalArgumentException("air"));
    Clock later = Clock.offset(clock, Duration.ofMinutes(1));
    Failures other = new Failures(later, null);
    other.failed("garut", "view:flood", new RuntimeException());

    assertEquals(List.of("bandung view:air IllegalArgumentException: air 1",
        "bandung view:flood IllegalArgumentException: worse 2"), described(failures.current()));
    assertEquals(NOW, failures.current().get(1).since());
    assertEquals(List.of("garut view:flood RuntimeException 1"), described(other.current()));
  }
}
