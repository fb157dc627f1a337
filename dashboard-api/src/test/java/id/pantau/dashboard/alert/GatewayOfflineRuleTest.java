package id.pantau.dashboard.alert;

import static id.pantau.dashboard.alert.Kpis.NOW;
import static id.pantau.dashboard.alert.Kpis.gateways;
import static id.pantau.dashboard.alert.Kpis.input;
import static id.pantau.dashboard.alert.Kpis.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.dashboard.readmodel.GatewayStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayOfflineRuleTest {
  final GatewayOfflineRule rule = new GatewayOfflineRule();

  AlertCondition gateway(boolean online, Duration since) {
    return only(rule.evaluate(input(gateways(new GatewayStatus("bandung.coblong.gw1", "coblong", online,
        NOW.minus(since), null, online ? null : "connection lost")))).orElseThrow());
  }

  @Test
  void offlineLongerThanTheLimitOpensShorterHoldsOnlineClears() {
    // Bandung's limit is 10 minutes
    AlertCondition open = gateway(false, Duration.ofMinutes(11));
    assertEquals(AlertCondition.State.OPEN, open.state());
    assertEquals("warning", open.severity());
    assertEquals("coblong", open.kecamatan());
    assertEquals("Gateway bandung.coblong.gw1 offline for 11 minutes", open.titleEn());
    assertEquals("Gateway bandung.coblong.gw1 offline 11 menit", open.title());
    assertEquals(AlertCondition.State.OPEN, gateway(false, Duration.ofMinutes(10)).state());
    assertEquals(AlertCondition.State.HOLD, gateway(false, Duration.ofMinutes(9)).state());
    assertEquals(AlertCondition.State.CLEAR, gateway(true, Duration.ofSeconds(5)).state());
  }

  @Test
  void aGatewayThatNeverConnectedRaisesNothing() {
    GatewayStatus provisioned = new GatewayStatus("bandung.coblong.gw2", "coblong", false, null, null, null);

    assertEquals(List.of(), rule.evaluate(input(gateways(provisioned))).orElseThrow());
  }
}
