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
    options.setConnectionTimeout(30);
    client.connect(options).waitForCompletion(30_000);
    return new Mqtt5Gateway(client);
  }

  /** Publishes at QoS 1 without waiting. */
  public IMqttToken publish(String topic, byte[] payload) throws MqttException {
    return client.publish(topic, payload, 1, false);
  }

  /** A PUBACK's reason code and reason string (null when it has none). */
  public record Puback(int code, String reason) {
  }

  /** Publishes at QoS 1 and returns the PUBACK reason code. */
  public int publishAndAwaitReason(String topic, byte[] payload) throws MqttException {
    return publishAndAwait(topic, payload).code();
  }

  /** Publishes at QoS 1 and returns the PUBACK. */
  public Puback publishAndAwait(String topic, byte[] payload) throws MqttException {
    IMqttToken token = publish(topic, payload);
    try {
      token.waitForCompletion(30_000);
    } catch (MqttException e) {
      // Paho reports a refusing PUBACK as an exception on the token; the code is still on it
    }
    int[] codes = token.getReasonCodes();
    if (codes == null || codes.length == 0) {
      throw new AssertionError("no PUBACK reason code within 30 s (token complete: " + token.isComplete() + ")");
    }
    var properties = token.getResponseProperties();
    return new Puback(codes[0], properties == null ? null : properties.getReasonString());
  }

  /** Subscribes at QoS 1 (its downlink) and acknowledges whatever arrives; returns the SUBACK reason code. */
  public int subscribe(String topic) throws MqttException {
    client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
      // Paho acknowledges a message when messageArrived returns; without a callback it never does
      @Override
      public void messageArrived(String name, org.eclipse.paho.mqttv5.common.MqttMessage message) {
      }

      @Override
      public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
      }

      @Override
      public void mqttErrorOccurred(MqttException e) {
      }

      @Override
      public void deliveryComplete(IMqttToken token) {
      }

      @Override
      public void connectComplete(boolean reconnect, String uri) {
      }

      @Override
      public void authPacketArrived(int reason, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
      }
    });
    IMqttToken t = client.subscribe(topic, 1);
    try {
      t.waitForCompletion(30_000);
    } catch (MqttException refused) {
      // Paho throws for a refused subscription; its reason code is on the token
    }
    return t.getReasonCodes()[0];
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
