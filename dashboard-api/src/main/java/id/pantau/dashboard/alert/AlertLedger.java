package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import java.util.List;
import java.util.Map;

/** Where the engine keeps a city's alerts, and what it reads besides the KPIs. Blocking. */
interface AlertLedger {
  /** The thresholds in force: an administrator's override, else the city file's. */
  List<AlertRules.Threshold> thresholds(City city, int cityId) throws Exception;

  /**
   * Opens, updates and clears the city's alerts to match the verdicts. The open alerts of a rule
   * that has no verdict (it failed, or its KPIs are not there) are left as they are.
   *
   * @param verdicts by rule name, the conditions of every subject the rule watches
   */
  void reconcile(City city, int cityId, Map<String, List<AlertCondition>> verdicts) throws Exception;
}
