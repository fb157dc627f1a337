package id.pantau.simulator.mqtt;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Encodes the control packets a gateway sends, for MQTT 3.1.1 and 5. */
final class PacketWriter {
  private static final int PROPERTY_SESSION_EXPIRY = 0x11;
  private static final int PROPERTY_RECEIVE_MAXIMUM = 0x21;

  private final MqttVersion version;

  PacketWriter(MqttVersion version) {
    this.version = version;
  }

  Buffer connect(ConnectOptions o) {
    Buffer body = Buffer.buffer(64 + o.clientId().length() * 2);
    string(body, "MQTT");
    body.appendByte((byte) version.level());
    int flags = 0x80 | 0x40; // username, password
    if (o.cleanSession()) {
      flags |= 0x02;
    }
    if (o.willTopic() != null) {
      flags |= 0x04 | (1 << 3); // will at QoS 1
    }
    body.appendByte((byte) flags);
    body.appendUnsignedShort(o.keepAliveSeconds());
    if (v5()) {
      Buffer props = Buffer.buffer();
      if (!o.cleanSession()) {
        props.appendByte((byte) PROPERTY_SESSION_EXPIRY).appendInt(o.sessionExpirySeconds());
      }
      props.appendByte((byte) PROPERTY_RECEIVE_MAXIMUM).appendUnsignedShort(64);
      varInt(body, props.length());
      body.appendBuffer(props);
    }
    string(body, o.clientId());
    if (o.willTopic() != null) {
      if (v5()) {
        varInt(body, 0);
      }
      string(body, o.willTopic());
      body.appendUnsignedShort(o.willPayload().length).appendBytes(o.willPayload());
    }
    string(body, o.username());
    string(body, o.password());
    return packet(0x10, body);
  }

  Buffer publish(String topic, byte[] payload, int qos, int packetId, boolean dup) {
    Buffer body = Buffer.buffer(topic.length() + payload.length + 8);
    string(body, topic);
    if (qos > 0) {
      body.appendUnsignedShort(packetId);
    }
    if (v5()) {
      varInt(body, 0);
    }
    body.appendBytes(payload);
    return packet(0x30 | (dup ? 0x08 : 0) | (qos << 1), body);
  }

  Buffer puback(int packetId) {
    return packet(0x40, Buffer.buffer(2).appendUnsignedShort(packetId));
  }

  Buffer subscribe(int packetId, String topicFilter, int qos) {
    Buffer body = Buffer.buffer();
    body.appendUnsignedShort(packetId);
    if (v5()) {
      varInt(body, 0);
    }
    string(body, topicFilter);
    body.appendByte((byte) qos);
    return packet(0x82, body);
  }

  Buffer pingreq() {
    return Buffer.buffer(2).appendByte((byte) 0xC0).appendByte((byte) 0);
  }

  Buffer disconnect() {
    return Buffer.buffer(2).appendByte((byte) 0xE0).appendByte((byte) 0);
  }

  private boolean v5() {
    return version == MqttVersion.V5;
  }

  private static Buffer packet(int firstByte, Buffer body) {
    Buffer out = Buffer.buffer(body.length() + 5);
    out.appendByte((byte) firstByte);
    varInt(out, body.length());
    return out.appendBuffer(body);
  }

  static void varInt(Buffer out, int value) {
    do {
      int digit = value % 128;
      value /= 128;
      out.appendByte((byte) (value > 0 ? digit | 0x80 : digit));
    } while (value > 0);
  }

  private static void string(Buffer out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.appendUnsignedShort(bytes.length).appendBytes(bytes);
  }
}
