package id.pantau.dashboard.alert;

import id.pantau.dashboard.kpi.IngestStatus;
import id.pantau.dashboard.readmodel.GatewayStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A gateway offline for the city's {@code gatewayOfflineMinutes} or longer opens an alert, held
 * while it stays away and cleared when it is back. A gateway that never connected is
 * provisioned, not yet installed: no alert.
 */
final class GatewayOfflineRule implements AlertRule {
  @Override
  public String name() {
    return "gateway_offline";
  }

  @Override
  public Optional<List<AlertCondition>> evaluate(AlertInput in) {
    if (in.rules().gatewayOfflineMinutes() <= 0) {
      return Optional.of(List.of());
    }
    IngestStatus ingest = in.kpis().ingest();
    if (ingest == null) {
      return Optional.empty();
    }
    Duration limit = Duration.ofMinutes(in.rules().gatewayOfflineMinutes());
    List<AlertCondition> out = new ArrayList<>();
    for (GatewayStatus g : ingest.gateways()) {
      if (g.lastSeen() != null) {
        Duration away = Duration.between(g.lastSeen(), in.now());
        AlertCondition.State state = g.online() ? AlertCondition.State.CLEAR
            : away.compareTo(limit) >= 0 ? AlertCondition.State.OPEN : AlertCondition.State.HOLD;
        long minutes = away.toMinutes();
        out.add(new AlertCondition(name(), g.id(), g.kecamatan(), state, "warning",
            "Gateway " + g.id() + " offline " + minutes + " menit",
            "Gateway " + g.id() + " offline for " + minutes + " minutes", (double) minutes));
      }
    }
    return Optional.of(out);
  }
}
