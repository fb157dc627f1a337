package id.pantau.dashboard.alert;

import id.pantau.dashboard.quality.QualityReport;
import id.pantau.dashboard.quality.SensorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sensor that is suspect (stuck, spiking, late) or silent opens a {@code maintenance} alert for
 * its kecamatan's technician: its own severity, never a hazard's. It clears when the sensor
 * recovers, or when an operator puts it in maintenance (which raises nothing).
 */
final class SensorHealthRule implements AlertRule {
  static final String SEVERITY = "maintenance";

  @Override
  public String name() {
    return "sensor_health";
  }

  @Override
  public Optional<List<AlertCondition>> evaluate(AlertInput in) {
    QualityReport quality = in.kpis().quality();
    if (quality == null) {
      return Optional.empty();
    }
    List<AlertCondition> out = new ArrayList<>();
    for (SensorStatus s : quality.sensors()) {
      AlertCondition.State state = s.state().needsTechnician() ? AlertCondition.State.OPEN : AlertCondition.State.CLEAR;
      out.add(new AlertCondition(name(), s.sensor(), s.kecamatan(), state, SEVERITY,
          "Sensor " + s.sensor() + " perlu diperiksa: " + indonesian(s.reason()),
          "Sensor " + s.sensor() + " needs a technician: " + (s.reason() == null ? "ok" : s.reason().replace('_', ' ')),
          null));
    }
    return Optional.of(out);
  }

  private static String indonesian(String reason) {
    return switch (reason == null ? "" : reason) {
      case "stuck" -> "nilai tidak berubah";
      case "spike" -> "lonjakan tidak wajar";
      case "late" -> "waktu data tertinggal";
      case "silent" -> "tidak mengirim data";
      default -> "normal";
    };
  }
}
