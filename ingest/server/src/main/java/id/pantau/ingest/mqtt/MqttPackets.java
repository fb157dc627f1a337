package id.pantau.ingest.mqtt;

import io.netty.buffer.ByteBuf;

/**
 * The few structural checks {@link MalformedPacketGuard} makes on a whole control packet, read
 * straight from the buffer without copying. Each returns null when the packet is well-formed, or
 * what is wrong with it.
 */
final class MqttPackets {
  static final long INCOMPLETE = -1;
  static final long MALFORMED = -2;
  private static final int MQTT_5 = 5;

  private MqttPackets() {
  }

  /**
   * The fixed header at {@code start}: its length in the high 32 bits, the remaining length in
   * the low ones; {@link #INCOMPLETE} when more bytes are needed, {@link #MALFORMED} when the
   * remaining length runs over four bytes.
   */
  static long fixedHeader(ByteBuf in, int start) {
    int length = 0;
    for (int i = 0; i < 4; i++) {
      if (in.writerIndex() <= start + 1 + i) {
        return INCOMPLETE;
      }
      int b = in.getUnsignedByte(start + 1 + i);
      length |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return ((long) (2 + i) << 32) | length;
      }
    }
    return MALFORMED;
  }

  /** A PUBLISH: its topic must fit in the packet and be well-formed UTF-8 without U+0000. */
  static String checkPublishTopic(ByteBuf in, int body, int length) {
    if (length < 2) {
      return "PUBLISH too short for its topic length";
    }
    int topicLength = in.getUnsignedShort(body);
    if (2 + topicLength > length) {
      return "topic length " + topicLength + " runs past the packet";
    }
    return wellFormed(in, body + 2, topicLength) ? null : "topic name is not well-formed UTF-8 or holds U+0000";
  }

  /**
   * A CONNECT: protocol name, level, flags, keep-alive, (MQTT 5) properties, client id, the will,
   * user name and password as the flags announce them, must add up to exactly the remaining
   * length; the client id must be well-formed UTF-8.
   */
  static String checkConnect(ByteBuf in, int body, int length) {
    int end = body + length;
    int at = skipString(in, body, end);
    if (at < 0 || at + 4 > end) {
      return "CONNECT too short for its header";
    }
    int level = in.getUnsignedByte(at);
    int flags = in.getUnsignedByte(at + 1);
    at += 4;
    if (level == MQTT_5 && (at = skipProperties(in, at, end)) < 0) {
      return "CONNECT properties run past the packet";
    }
    int clientId = at;
    if ((at = skipString(in, at, end)) < 0) {
      return "client id runs past the packet";
    }
    if (!wellFormed(in, clientId + 2, at - clientId - 2)) {
      return "client id is not well-formed UTF-8 or holds U+0000";
    }
    if ((flags & 0x04) != 0) {
      if (level == MQTT_5) {
        at = skipProperties(in, at, end);
      }
      at = skipString(in, skipString(in, at, end), end);
    }
    if ((flags & 0x80) != 0) {
      at = skipString(in, at, end);
    }
    if ((flags & 0x40) != 0) {
      at = skipString(in, at, end);
    }
    return at == end ? null : "CONNECT fields do not add up to its remaining length";
  }

  /** Past a length-prefixed string or binary field; -1 when it runs past {@code end}. */
  private static int skipString(ByteBuf in, int at, int end) {
    if (at < 0 || at + 2 > end) {
      return -1;
    }
    int next = at + 2 + in.getUnsignedShort(at);
    return next > end ? -1 : next;
  }

  /** Past an MQTT 5 property block (a variable byte integer length, then that many bytes). */
  private static int skipProperties(ByteBuf in, int at, int end) {
    if (at < 0) {
      return -1;
    }
    int length = 0;
    for (int i = 0; i < 4; i++) {
      if (at >= end) {
        return -1;
      }
      int b = in.getUnsignedByte(at++);
      length |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return at + length > end ? -1 : at + length;
      }
    }
    return -1;
  }

  /** Well-formed UTF-8 (Unicode table 3-7: no overlongs, no surrogates) without U+0000 (MQTT §1.5.4). */
  static boolean wellFormed(ByteBuf in, int from, int length) {
    int i = from;
    int end = from + length;
    while (i < end) {
      int b = in.getUnsignedByte(i);
      if (b >= 0x01 && b < 0x80) {
        i++;
        continue;
      }
      int n = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
      if (n < 0 || i + n >= end) {
        return false;
      }
      int second = in.getUnsignedByte(i + 1);
      int low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
      int high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
      if (second < low || second > high) {
        return false;
      }
      for (int k = 2; k <= n; k++) {
        int c = in.getUnsignedByte(i + k);
        if (c < 0x80 || c > 0xBF) {
          return false;
        }
      }
      i += n + 1;
    }
    return true;
  }
}
