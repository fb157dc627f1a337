package id.pantau.simulator.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads an MQTT 5 property block just far enough to find the reason string (0x1F); every
 * other property is skipped by its type so a new server property never breaks the client.
 */
final class Properties5 {
  private static final int REASON_STRING = 0x1F;

  private Properties5() {
  }

  /** Reads the block at the buffer's position, leaves the position after it, returns the reason string or null. */
  static String reasonString(ByteBuffer in) {
    int length = varInt(in);
    int end = in.position() + length;
    String reason = null;
    while (in.position() < end) {
      int id = varInt(in);
      switch (id) {
        case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> in.get();
        case 0x13, 0x21, 0x22, 0x23 -> in.getShort();
        case 0x02, 0x11, 0x18, 0x27 -> in.getInt();
        case 0x0B -> varInt(in);
        case 0x03, 0x08, 0x09, 0x12, 0x15, 0x16, 0x1A, 0x1C -> skip(in, Short.toUnsignedInt(in.getShort()));
        case REASON_STRING -> reason = string(in);
        case 0x26 -> {
          skip(in, Short.toUnsignedInt(in.getShort()));
          skip(in, Short.toUnsignedInt(in.getShort()));
        }
        default -> {
          in.position(end); // unknown property: give up on the rest of the block, not the packet
          return reason;
        }
      }
    }
    in.position(end);
    return reason;
  }

  static String string(ByteBuffer in) {
    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static int varInt(ByteBuffer in) {
    int value = 0;
    int multiplier = 1;
    int b;
    do {
      b = in.get() & 0xFF;
      value += (b & 0x7F) * multiplier;
      multiplier *= 128;
    } while ((b & 0x80) != 0);
    return value;
  }

  private static void skip(ByteBuffer in, int n) {
    in.position(in.position() + n);
  }
}
