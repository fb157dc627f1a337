package id.pantau.server.support;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import java.nio.charset.StandardCharsets;

/** A gateway speaking MQTT 5 through Eclipse Paho: an independent client library. */
public final class Mqtt5Gateway implements AutoCloseable {
  private final MqttAsyncClient client;

  private Mqtt5Gateway(MqttAsyncClient client) {
    this.client = client;
  }

  public static Mqtt5Gateway connect(int port, String gatewayId, String password) throws MqttException {
    return connect(port, gatewayId, gatewayId, password);
  }

  public static Mqtt5Gateway connect(int port, String clientId, String username, String password) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(username);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    client.connect(options).waitForCompletion(10_000);
    return new Mqtt5Gateway(client);
  }

  /** Publishes at QoS 1 without waiting. */
  public IMqttToken publish(String topic, byte[] payload) throws MqttException {
    return client.publish(topic, payload, 1, false);
  }

  /** Publishes at QoS 1 and returns the PUBACK reason code. */
  public int publishAndAwaitReason(String topic, byte[] payload) throws MqttException {
    IMqttToken token = publish(topic, payload);
    try {
      token.waitForCompletion(10_000);
    } catch (MqttException e) {
      // Paho reports a refusing PUBACK as an exception on the token; the code is still on it
    }
    int[] codes = token.getReasonCodes();
    if (codes == null || codes.length == 0) {
      throw new AssertionError("no PUBACK reason code within 10 s (token complete: " + token.isComplete() + ")");
    }
    return codes[0];
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close();
  }
}
