package id.pantau.dashboard.alert;

import java.util.List;
import java.util.Optional;

/** One kind of alert: judges a city's KPIs, pure. */
interface AlertRule {
  /** The alerts' {@code rule} column, and this rule's health part {@code rule:<name>}. */
  String name();

  /**
   * The condition of every subject the rule watches. Empty when the KPIs it reads are not there
   * yet (its view never computed): its open alerts are then left as they are. A rule the city
   * turned off answers an empty list, which clears what it had opened.
   */
  Optional<List<AlertCondition>> evaluate(AlertInput in);
}
