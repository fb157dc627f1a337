package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import id.pantau.dashboard.kpi.CityKpis;
import java.time.Instant;
import java.util.List;

/**
 * What the rules judge for one city at one moment: its latest typed KPIs, its rules, and the
 * thresholds in force (the city file's, or an administrator's override).
 */
record AlertInput(City city, CityKpis kpis, List<AlertRules.Threshold> thresholds, Instant now) {
  AlertRules rules() {
    return city.alerts();
  }
}
