package id.pantau.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MqttPacketsTest {
  @Test
  void wellFormedUtf8IsTellFromIllFormed() {
    assertTrue(wellFormed("pantau/v1/bandung/coblong/telemetry".getBytes(StandardCharsets.UTF_8)));
    assertTrue(wellFormed("kecamatan/cibeunying-kaler/é/日本/😀".getBytes(StandardCharsets.UTF_8)));
    assertFalse(wellFormed(new byte[] {'p', 'a', (byte) 0xC3, 0x28}), "a broken two-byte sequence");
    assertFalse(wellFormed(new byte[] {'a', 0, 'b'}), "U+0000");
    assertFalse(wellFormed(new byte[] {(byte) 0xC0, (byte) 0xAF}), "an overlong '/'");
    assertFalse(wellFormed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "a UTF-16 surrogate");
    assertFalse(wellFormed(new byte[] {(byte) 0xE6, (byte) 0x97}), "cut short");
  }

  @Test
  void aConnectMustAddUpToItsRemainingLength() throws Exception {
    byte[] good = connect("bandung.coblong.gw1", 0);
    assertNull(MqttPackets.checkConnect(Unpooled.wrappedBuffer(good), 0, good.length));
    byte[] overrun = connect("bandung.coblong.gw1", 300);
    assertNotNull(MqttPackets.checkConnect(Unpooled.wrappedBuffer(overrun), 0, overrun.length));
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
    assertNotNull(MqttPackets.checkConnect(Unpooled.wrappedBuffer(trailing), 0, trailing.length));
  }

  @Test
  void aPublishTopicMustFitItsPacket() {
    ByteBuf p = Unpooled.wrappedBuffer(new byte[] {0x01, 0x00, 'a', 'b'});
    assertNotNull(MqttPackets.checkPublishTopic(p, 0, 4), "topic length 256 in a 4-byte packet");
    ByteBuf q = Unpooled.wrappedBuffer(new byte[] {0x00, 0x02, 'a', 'b', 0, 1});
    assertNull(MqttPackets.checkPublishTopic(q, 0, 6));
  }

  @Test
  void theRemainingLengthHasAtMostFourBytes() {
    ByteBuf five = Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1});
    assertEquals(MqttPackets.MALFORMED, MqttPackets.fixedHeader(five, 0));
    ByteBuf two = Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0xC8, 0x01});
    assertEquals((3L << 32) | 200, MqttPackets.fixedHeader(two, 0));
    assertEquals(MqttPackets.INCOMPLETE, MqttPackets.fixedHeader(Unpooled.wrappedBuffer(new byte[] {0x30}), 0));
  }

  private static boolean wellFormed(byte[] bytes) {
    return MqttPackets.wellFormed(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
  }

  /** An MQTT 5 CONNECT body with user name and password; {@code claimed} > 0 overstates the client id length. */
  private static byte[] connect(String clientId, int claimed) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, "MQTT".getBytes(StandardCharsets.US_ASCII), 4);
    b.write(5);
    b.write(0xC2);
    b.write(0);
    b.write(60);
    b.write(0);
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    string(b, id, claimed > 0 ? claimed : id.length);
    string(b, id, id.length);
    string(b, "pw".getBytes(StandardCharsets.UTF_8), 2);
    return b.toByteArray();
  }

  private static void string(ByteArrayOutputStream b, byte[] bytes, int declared) {
    b.write(declared >> 8);
    b.write(declared & 0xFF);
    b.write(bytes, 0, bytes.length);
  }
}
