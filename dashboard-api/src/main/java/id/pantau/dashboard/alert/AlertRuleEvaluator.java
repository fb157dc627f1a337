package id.pantau.dashboard.alert;

import id.pantau.dashboard.kpi.Failures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies every rule to a city's KPIs, each on its own: a rule that throws is recorded as the
 * failing part {@code rule:<name>} of that city and left out, the others are judged as usual.
 */
final class AlertRuleEvaluator {
  private final List<AlertRule> rules;

  AlertRuleEvaluator(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules every city is judged by. */
  static AlertRuleEvaluator standard() {
    return new AlertRuleEvaluator(List.of(new ThresholdRule(), new FloodRule(), new IspuRule(),
        new ComplaintBreachRule(), new GatewayOfflineRule(), new SensorHealthRule()));
  }

  /** @return by rule name, the conditions of every rule that could be judged */
  Map<String, List<AlertCondition>> evaluate(AlertInput in, Failures failures) {
    Map<String, List<AlertCondition>> verdicts = new LinkedHashMap<>();
    String city = in.city().slug();
    for (AlertRule rule : rules) {
      String part = "rule:" + rule.name();
      try {
        rule.evaluate(in).ifPresent(conditions -> verdicts.put(rule.name(), conditions));
        failures.succeeded(city, part);
      } catch (RuntimeException e) {
        failures.failed(city, part, e);
      }
    }
    return verdicts;
  }
}
