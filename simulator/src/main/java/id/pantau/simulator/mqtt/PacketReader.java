package id.pantau.simulator.mqtt;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Cuts a TCP byte stream into MQTT control packets. Bytes arrive in arbitrary pieces; a
 * packet is handed on only when its remaining length has fully arrived.
 */
final class PacketReader {
  private final Consumer<Packet> sink;
  private Buffer pending = Buffer.buffer();

  PacketReader(Consumer<Packet> sink) {
    this.sink = sink;
  }

  void feed(Buffer bytes) {
    pending.appendBuffer(bytes);
    int pos = 0;
    while (true) {
      int available = pending.length() - pos;
      if (available < 2) {
        break;
      }
      int length = 0;
      int multiplier = 1;
      int i = pos + 1;
      boolean complete = false;
      while (i < pending.length() && i - pos <= 4) {
        int b = pending.getUnsignedByte(i++);
        length += (b & 0x7F) * multiplier;
        multiplier *= 128;
        if ((b & 0x80) == 0) {
          complete = true;
          break;
        }
      }
      if (!complete || pending.length() - i < length) {
        break;
      }
      sink.accept(new Packet(pending.getUnsignedByte(pos), pending.getBytes(i, i + length)));
      pos = i + length;
    }
    pending = pos == pending.length() ? Buffer.buffer() : pending.getBuffer(pos, pending.length());
  }
}
