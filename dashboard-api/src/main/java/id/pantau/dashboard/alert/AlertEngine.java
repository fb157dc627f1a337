package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.kpi.Failures;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Judges every city's latest typed KPIs by its alert rules on a schedule of its own (on a
 * worker), and keeps the alerts and the downlink queue in step with the verdicts. Each city and
 * each rule is judged on its own: one that fails is recorded in {@link Failures} (logged once per
 * streak, counted, shown in health) and the rest go on. The {@code alerts} view only reads what
 * this wrote.
 */
public final class AlertEngine {
  private final CityDirectory cities;
  private final Function<String, Optional<CityKpis>> kpis;
  private final AlertRuleEvaluator evaluator;
  private final AlertLedger ledger;
  private final Failures failures;
  private final Clock clock;
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  /** @param kpis a city's latest typed KPIs by slug (the snapshot ticker's), empty before its first tick */
  public AlertEngine(DataSource ds, CityDirectory cities, Function<String, Optional<CityKpis>> kpis, Failures failures) {
    this(cities, kpis, AlertRuleEvaluator.standard(), new StoredAlertLedger(ds, cities), failures, Clock.systemUTC());
  }

  AlertEngine(CityDirectory cities, Function<String, Optional<CityKpis>> kpis, AlertRuleEvaluator evaluator,
              AlertLedger ledger, Failures failures, Clock clock) {
    this.cities = cities;
    this.kpis = kpis;
    this.evaluator = evaluator;
    this.ledger = ledger;
    this.failures = failures;
    this.clock = clock;
  }

  /** Judges every {@code interval}; a pass still running when the next is due makes that one skip. */
  public void start(Vertx vertx, Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> {
      if (running.compareAndSet(false, true)) {
        vertx.executeBlocking(() -> {
          evaluateAll();
          return null;
        }, false).onComplete(done -> running.set(false));
      }
    });
  }

  public void stop(Vertx vertx) {
    vertx.cancelTimer(timer);
  }

  /** Passes so far over every city. */
  public long evaluations() {
    return evaluations.get();
  }

  /** One pass over every city. Blocking. */
  void evaluateAll() {
    for (City city : cities.cities()) {
      try {
        Optional<CityKpis> k = kpis.apply(city.slug());
        if (k.isPresent()) {
          evaluate(city, k.get());
        }
        failures.succeeded(city.slug(), "alerts");
      } catch (Exception e) {
        failures.failed(city.slug(), "alerts", e);
      }
    }
    evaluations.incrementAndGet();
  }

  private void evaluate(City city, CityKpis k) throws Exception {
    int cityId = cities.cityId(city.slug())
        .orElseThrow(() -> new IllegalStateException("city " + city.slug() + " has no database id yet"));
    List<AlertRules.Threshold> thresholds = ledger.thresholds(city, cityId);
    Map<String, List<AlertCondition>> verdicts = evaluator.evaluate(new AlertInput(city, k, thresholds,
        clock.instant()), failures);
    ledger.reconcile(city, cityId, verdicts);
  }
}
