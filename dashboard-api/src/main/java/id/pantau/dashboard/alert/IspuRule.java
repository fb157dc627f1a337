package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.dashboard.kpi.AirQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kecamatan whose ISPU reaches the city's opening level (101, Tidak Sehat, by default) opens an
 * alert: watch, warning from 200 (Sangat Tidak Sehat), danger from 300 (Berbahaya); it clears
 * below the city's clearing level.
 */
final class IspuRule implements AlertRule {
  @Override
  public String name() {
    return "ispu";
  }

  @Override
  public Optional<List<AlertCondition>> evaluate(AlertInput in) {
    AirQuality air = in.kpis().air();
    if (air == null) {
      return Optional.empty();
    }
    List<AlertCondition> out = new ArrayList<>();
    air.byKecamatan().forEach((kecamatan, k) -> out.add(condition(kecamatan, k, in.rules())));
    return Optional.of(out);
  }

  private AlertCondition condition(String kecamatan, AirQuality.KecamatanAir k, AlertRules rules) {
    if (!k.sufficient()) {
      // too few hourly means: the index stands for nothing, so it opens nothing; an alert it opened
      // holds until the data says it cleared
      return new AlertCondition(name(), kecamatan, kecamatan, AlertCondition.State.HOLD, "watch",
          "ISPU di " + kecamatan + ": data kurang (" + k.hoursWithData() + " jam)",
          "AQI in " + kecamatan + ": thin data (" + k.hoursWithData() + " h)", null);
    }
    int ispu = k.ispu();
    AlertCondition.State state = ispu >= rules.ispuOpenAt() ? AlertCondition.State.OPEN
        : ispu >= rules.ispuClearBelow() ? AlertCondition.State.HOLD : AlertCondition.State.CLEAR;
    String severity = ispu >= 300 ? "danger" : ispu >= 200 ? "warning" : "watch";
    return new AlertCondition(name(), kecamatan, kecamatan, state, severity,
        "ISPU " + ispu + " (" + k.category().indonesian() + ") di " + kecamatan,
        "AQI (ISPU) " + ispu + " (" + k.category().english() + ") in " + kecamatan, (double) ispu);
  }
}
