package id.pantau.simulator.gateway;

import id.pantau.simulator.model.ComplaintGenerator;
import id.pantau.simulator.model.SensorSlot;
import id.pantau.wire.GatewayTopic;
import java.util.List;

/**
 * One simulated connection: the gateway id it logs in as, its kecamatan, the sensor slots it
 * speaks for, and, for one gateway per kecamatan, the complaints of that kecamatan.
 */
public record GatewayPlan(String gatewayId, String city, String kecamatan, List<SensorSlot> slots,
    ComplaintGenerator complaints) {

  public String topic(GatewayTopic.Kind kind) {
    return GatewayTopic.name(city, kecamatan, kind);
  }
}
