package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;

/**
 * A server stopping while batches are in flight commits them and acknowledges what it committed
 * before it closes the connections: no batch is acknowledged and lost, none left half-done.
 */
class GracefulShutdownIT extends ServerIT {
  @Test
  void batchesInFlightAtShutdownAreCommittedAndAcknowledged() throws Exception {
    List<IMqttToken> sent = new ArrayList<>();
    Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
    for (int seq = 1; seq <= 100; seq++) {
      sent.add(gw.publish(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(GW, 9, seq, "aq-shutdown-01", 50, seq * 100)));
    }
    // stop once the first commit is through, while most of the 100 batches are still on their way
    Poll.until(() -> server.number("SELECT count(*) FROM ingest_batch WHERE gateway_id = ?", GW) > 0, true);
    server.stopForNow();
    // the client reads the PUBACKs sent before the server closed the socket, then the close itself
    Poll.until(gw::isConnected, false);
    long acknowledged = 0;
    for (IMqttToken t : sent) {
      try {
        t.waitForCompletion(100); // what was acknowledged had arrived when the client saw the socket close
      } catch (org.eclipse.paho.mqttv5.common.MqttException closed) {
        // not acknowledged: the server said it is shutting down
      }
      int[] codes = t.getReasonCodes();
      if (t.isComplete() && codes != null && codes.length > 0 && codes[0] == 0) {
        acknowledged++;
      }
    }
    long stored = Long.parseLong(server.textWhileStopped("SELECT count(*) FROM ingest_batch WHERE gateway_id = ?", GW));
    long readings = Long.parseLong(server.textWhileStopped("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.external_id = 'aq-shutdown-01'"));
    System.out.printf("graceful shutdown: 100 batches sent, %d acknowledged, %d stored%n", acknowledged, stored);
    server.startAgain();
    assertTrue(acknowledged > 0, "the drain acknowledged what it committed");
    assertEquals(stored * 50, readings, "every stored batch whole");
    assertEquals(stored, acknowledged, "every committed batch acknowledged before the connection closed");
  }
}
