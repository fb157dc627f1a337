package id.pantau.dashboard.alert;

import id.pantau.dashboard.kpi.ComplaintStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kecamatan with complaints still open past their resolution target has an alert (warning from
 * five such complaints); it clears when none is left.
 */
final class ComplaintBreachRule implements AlertRule {
  @Override
  public String name() {
    return "complaint_breach";
  }

  @Override
  public Optional<List<AlertCondition>> evaluate(AlertInput in) {
    if (!in.rules().complaintBreaches()) {
      return Optional.of(List.of());
    }
    ComplaintStatus complaints = in.kpis().complaints();
    if (complaints == null) {
      return Optional.empty();
    }
    List<AlertCondition> out = new ArrayList<>();
    complaints.openBreachesByKecamatan().forEach((kecamatan, n) -> out.add(new AlertCondition(name(), kecamatan,
        kecamatan, n > 0 ? AlertCondition.State.OPEN : AlertCondition.State.CLEAR, n >= 5 ? "warning" : "watch",
        n + " pengaduan melewati target penyelesaian di " + kecamatan,
        n + " complaints past their resolution target in " + kecamatan, (double) n)));
    return Optional.of(out);
  }
}
