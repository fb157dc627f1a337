package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.dashboard.readmodel.SensorValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A metric (optionally one sensor) above its threshold opens an alert per sensor; it holds down
 * to the clearing level. A value older than the city's {@code staleMinutes} no longer counts.
 */
final class ThresholdRule implements AlertRule {
  @Override
  public String name() {
    return "threshold";
  }

  @Override
  public Optional<List<AlertCondition>> evaluate(AlertInput in) {
    List<SensorValue> sensors = in.kpis().sensors();
    if (sensors == null) {
      return Optional.empty();
    }
    Instant freshAfter = in.now().minus(Duration.ofMinutes(in.rules().staleMinutes()));
    List<AlertCondition> out = new ArrayList<>();
    for (AlertRules.Threshold t : in.thresholds()) {
      for (SensorValue v : sensors) {
        if (v.metric().equals(t.metric()) && (t.sensor() == null || t.sensor().equals(v.sensor()))
            && v.ts().isAfter(freshAfter)) {
          out.add(condition(t, v));
        }
      }
    }
    return Optional.of(out);
  }

  private AlertCondition condition(AlertRules.Threshold t, SensorValue v) {
    double value = v.value();
    AlertCondition.State state = value > t.above() ? AlertCondition.State.OPEN
        : value >= t.clearBelow() ? AlertCondition.State.HOLD : AlertCondition.State.CLEAR;
    String figures = t.metric() + " " + AlertCondition.fmt(value);
    return new AlertCondition(name(), t.metric() + ":" + v.sensor(), v.kecamatan(), state, t.severity(),
        figures + " di " + v.sensor() + " (batas " + AlertCondition.fmt(t.above()) + ")",
        figures + " at " + v.sensor() + " (limit " + AlertCondition.fmt(t.above()) + ")", value);
  }
}
