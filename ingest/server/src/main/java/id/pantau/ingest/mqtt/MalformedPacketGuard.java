package id.pantau.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of Netty's {@code MqttDecoder} and hands it one whole control packet at a time,
 * closing the connection on a Malformed Packet (MQTT 5 §1.5.4 and §4.13, 3.1.1 §1.5.3 and §4.8):
 * a topic name or client id that is not well-formed UTF-8 or holds U+0000, a CONNECT whose
 * fields do not add up to its remaining length, a packet the decoder cannot finish within its
 * own length. Netty decodes strings leniently (ill-formed bytes become U+FFFD) and reads past a
 * packet's end waiting for bytes that belong to the next one; the connection then hung until a
 * timeout. The checks read a few header bytes and the topic of each packet, nothing more.
 */
final class MalformedPacketGuard extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(MalformedPacketGuard.class);
  private static final int CONNECT = 1;
  private static final int PUBLISH = 3;

  /** Placed after the decoder: counts what it produced, so the guard sees a packet it could not finish. */
  static final class Decoded extends ChannelInboundHandlerAdapter {
    private int messages;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      messages++;
      ctx.fireChannelRead(msg);
    }
  }

  private final int maxPacketBytes;
  private final Decoded decoded;
  private final LongAdder closed;
  private boolean closing;

  MalformedPacketGuard(int maxPacketBytes, Decoded decoded, LongAdder closed) {
    this.maxPacketBytes = maxPacketBytes;
    this.decoded = decoded;
    this.closed = closed;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (closing) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    long header = MqttPackets.fixedHeader(in, start);
    if (header == MqttPackets.INCOMPLETE) {
      return;
    }
    if (header == MqttPackets.MALFORMED) {
      malformed(ctx, in, "remaining length longer than four bytes");
      return;
    }
    int headerBytes = (int) (header >>> 32);
    int remaining = (int) header;
    if (remaining > maxPacketBytes) {
      malformed(ctx, in, "packet of " + remaining + " bytes is larger than mqtt.maxPacketBytes");
      return;
    }
    if (in.readableBytes() < headerBytes + remaining) {
      return; // the rest of the packet is still on its way
    }
    int type = in.getUnsignedByte(start) >> 4;
    String why = check(type, in, start + headerBytes, remaining);
    if (why != null) {
      malformed(ctx, in, why);
      return;
    }
    int before = decoded.messages;
    ctx.fireChannelRead(in.readRetainedSlice(headerBytes + remaining));
    if (decoded.messages == before && ctx.channel().isActive()) {
      malformed(ctx, in, "packet fields run past its remaining length");
    }
  }

  private static String check(int type, ByteBuf in, int body, int length) {
    if (type == PUBLISH) {
      return MqttPackets.checkPublishTopic(in, body, length);
    }
    if (type == CONNECT) {
      return MqttPackets.checkConnect(in, body, length);
    }
    return null;
  }

  private void malformed(ChannelHandlerContext ctx, ByteBuf in, String why) {
    closing = true;
    closed.increment();
    log.debug("closing connection: malformed packet address={} reason={}", ctx.channel().remoteAddress(), why);
    in.skipBytes(in.readableBytes());
    ctx.close();
  }
}
