package id.pantau.server.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately tiny MQTT 5 client over a plain socket, so tests can assert the exact bytes
 * the server sends (reason codes and properties) and send what libraries will not (the DUP
 * flag, a connection dropped without DISCONNECT).
 */
public final class RawMqtt5Client implements AutoCloseable {
  /** One control packet as received: first byte and the bytes after the remaining length. */
  public record Packet(int firstByte, byte[] body) {
    public int type() {
      return firstByte >> 4;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  public RawMqtt5Client(int port) throws IOException {
    this(port, null);
  }

  /** From this local address (another loopback address, 127.0.0.2, say: another client as the server sees it). */
  public RawMqtt5Client(int port, String localAddress) throws IOException {
    socket = localAddress == null ? new Socket("127.0.0.1", port)
        : new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName(localAddress), 0);
    socket.setSoTimeout(30_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends CONNECT (clean start, keepalive 60 s) and returns the CONNACK. */
  public Packet connect(String clientId, String username, String password) throws IOException {
    return connect(clientId, username, password, 60);
  }

  /** Sends CONNECT with this keep-alive and returns the CONNACK. */
  public Packet connect(String clientId, String username, String password, int keepAliveSeconds) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(5);
    body.write(0xC2); // username, password, clean start
    body.write(keepAliveSeconds >> 8);
    body.write(keepAliveSeconds & 0xFF);
    body.write(0); // no properties
    writeString(body, clientId);
    writeString(body, username);
    writeString(body, password);
    send(0x10, body.toByteArray());
    return read();
  }

  public void publishQos1(int packetId, String topic, byte[] payload, boolean dup) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.write(0); // no properties
    body.write(payload);
    send(0x32 | (dup ? 0x08 : 0), body.toByteArray());
  }

  public void publishQos0(String topic, byte[] payload) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.write(0); // no properties
    body.write(payload);
    send(0x30, body.toByteArray());
  }

  /** The next packet of this type, skipping others (PUBACKs, say); null if the server closed first. */
  public Packet readUntil(int type) throws IOException {
    try {
      while (true) {
        Packet p = read();
        if (p.type() == type) {
          return p;
        }
      }
    } catch (java.io.EOFException | java.net.SocketException closed) {
      return null;
    }
  }

  /** A QoS 1 PUBLISH whose topic is these raw bytes (which may not be valid UTF-8). */
  public void publishQos1RawTopic(int packetId, byte[] topic, byte[] payload) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(topic.length >> 8);
    body.write(topic.length & 0xFF);
    body.write(topic, 0, topic.length);
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.write(0);
    body.write(payload, 0, payload.length);
    send(0x32, body.toByteArray());
  }

  /** Waits for the server to close the connection; true if it did within the socket timeout. */
  public boolean closedByServer() {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return e instanceof java.net.SocketException;
    }
  }

  public Packet read() throws IOException {
    int first = in.readUnsignedByte();
    int length = 0;
    int shift = 0;
    int b;
    do {
      b = in.readUnsignedByte();
      length |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    byte[] body = new byte[length];
    in.readFully(body);
    return new Packet(first, body);
  }

  /** Closes the socket without DISCONNECT, like a gateway losing power. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Any packet, byte for byte: first byte and body (the remaining length is computed from the body). */
  public void sendPacket(int firstByte, byte[] body) throws IOException {
    send(firstByte, body);
  }

  private void send(int firstByte, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(firstByte);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.write(body);
    out.write(packet.toByteArray());
    out.flush();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xFF);
    out.write(bytes, 0, bytes.length);
  }
}
