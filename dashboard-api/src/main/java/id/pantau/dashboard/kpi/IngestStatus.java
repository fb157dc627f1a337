package id.pantau.dashboard.kpi;

import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.HourCount;
import id.pantau.dashboard.readmodel.ReasonCount;
import java.util.List;

/**
 * How a city's data is arriving: its gateways' presence, the readings stored in the last
 * complete minute, and the messages refused in the last hour by reason.
 *
 * @param refusedByHour messages refused per kecamatan and hour over the last 25 hours (for the quality view)
 */
public record IngestStatus(List<GatewayStatus> gateways, long readingsLastMinute, List<ReasonCount> rejectedLastHour,
                           List<HourCount> refusedByHour) {
  public IngestStatus(List<GatewayStatus> gateways, long readingsLastMinute, List<ReasonCount> rejectedLastHour) {
    this(gateways, readingsLastMinute, rejectedLastHour, List.of());
  }

  public IngestStatus {
    gateways = List.copyOf(gateways);
    rejectedLastHour = List.copyOf(rejectedLastHour);
    refusedByHour = List.copyOf(refusedByHour);
  }

  public long online() {
    return gateways.stream().filter(GatewayStatus::online).count();
  }

  public long offline() {
    return gateways.size() - online();
  }

  public double readingsPerSecondLastMinute() {
    return readingsLastMinute / 60.0;
  }
}
