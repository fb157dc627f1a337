package id.pantau.simulator.mqtt;

/** One MQTT control packet as received: its first byte and the bytes after the remaining length. */
record Packet(int firstByte, byte[] body) {
  static final int CONNACK = 2;
  static final int PUBLISH = 3;
  static final int PUBACK = 4;
  static final int SUBACK = 9;
  static final int PINGRESP = 13;
  static final int DISCONNECT = 14;

  int type() {
    return firstByte >> 4;
  }

  int qos() {
    return (firstByte >> 1) & 3;
  }
}
