package id.pantau.dashboard.alert;

import id.pantau.city.RiverGauge;
import id.pantau.dashboard.kpi.FloodLevel;
import id.pantau.dashboard.kpi.FloodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gauge at siaga 3 or above opens an alert whose severity follows the siaga level (escalating
 * in place); it clears only once the water is the city's hysteresis below siaga 3.
 */
final class FloodRule implements AlertRule {
  @Override
  public String name() {
    return "flood";
  }

  @Override
  public Optional<List<AlertCondition>> evaluate(AlertInput in) {
    FloodStatus flood = in.kpis().flood();
    if (flood == null) {
      return Optional.empty();
    }
    List<AlertCondition> out = new ArrayList<>();
    for (FloodStatus.GaugeStatus g : flood.gauges()) {
      if (g.hasData()) {
        out.add(condition(g.gauge(), g.reading(), in.rules().floodHysteresisCm()));
      }
    }
    return Optional.of(out);
  }

  private AlertCondition condition(RiverGauge gauge, FloodStatus.Reading reading, double hysteresisCm) {
    FloodLevel level = reading.level();
    double cm = reading.levelCm();
    AlertCondition.State state = level != FloodLevel.NORMAL ? AlertCondition.State.OPEN
        : cm >= gauge.siaga3Cm() - hysteresisCm ? AlertCondition.State.HOLD : AlertCondition.State.CLEAR;
    String severity = switch (level) {
      case SIAGA_1 -> "danger";
      case SIAGA_2 -> "warning";
      default -> "watch";
    };
    return new AlertCondition(name(), gauge.sensor(), gauge.kecamatan(), state, severity,
        level.label() + " " + gauge.river() + ": " + AlertCondition.fmt(cm) + " cm di " + gauge.sensor(),
        level.label() + " on the " + gauge.river() + ": " + AlertCondition.fmt(cm) + " cm at " + gauge.sensor(), cm);
  }
}
