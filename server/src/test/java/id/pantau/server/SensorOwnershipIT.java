package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;

/**
 * A sensor belongs to the kecamatan whose gateway first reported it; a gateway of another
 * kecamatan cannot write for it. Its batch is refused with 0x87 and the reason, the batches of
 * other gateways flushed together with it are stored, and its connection stays up.
 */
class SensorOwnershipIT extends ServerIT {
  @Test
  void aGatewayCannotReportAnotherKecamatansSensor() throws Exception {
    server.gateway("bandung.regol.t1", "bandung", "regol", "pw-r");
    server.gateway("bandung.andir.t1", "bandung", "andir", "pw-a");
    try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
         Mqtt5Gateway regol = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "pw-r");
         Mqtt5Gateway andir = Mqtt5Gateway.connect(server.mqttPort(), "bandung.andir.t1", "pw-a")) {
      assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(GW, 1, 1, "aq-coblong-01", 3, 1)));

      // regol's gateway claims coblong's sensor, while andir's publishes its own at the same time
      List<IMqttToken> honest = new ArrayList<>();
      for (int seq = 1; seq <= 20; seq++) {
        honest.add(andir.publish(Payloads.topic("bandung", "andir", "telemetry"),
            Payloads.telemetry("bandung.andir.t1", 1, seq, "aq-andir-01", 5, seq * 10)));
      }
      int refused = regol.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
          Payloads.telemetry("bandung.regol.t1", 1, 1, "aq-coblong-01", 2, 500));
      assertEquals(0x87, refused, "not authorized");
      for (IMqttToken t : honest) {
        t.waitForCompletion(10_000);
        assertEquals(0, t.getReasonCodes()[0], "andir's batches are stored whatever regol sent");
      }
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = 'bandung.regol.t1'")
          .contains("'aq-coblong-01' belongs to another kecamatan, not to regol"));

      // regol's connection carries on, and its own sensors are fine
      assertTrue(regol.isConnected());
      assertEquals(0, regol.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
          Payloads.telemetry("bandung.regol.t1", 1, 2, "aq-regol-01", 2, 1)));
    }
    assertEquals(3, server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.external_id = 'aq-coblong-01'"), "only coblong's readings of its sensor");
    assertEquals(100, server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.external_id = 'aq-andir-01'"));
    assertEquals(0, server.number("SELECT coalesce(sum(r.count), 0) FROM rollup_1m r JOIN kecamatan k ON k.id = r.kecamatan_id"
        + " WHERE k.slug = 'regol'") - 2, "regol's rollups hold its own 2 readings only");
  }
}
