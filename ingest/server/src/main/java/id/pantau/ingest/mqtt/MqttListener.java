package id.pantau.ingest.mqtt;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.impl.MqttServerConnection;
import io.vertx.mqtt.impl.MqttServerConnections;
import java.util.concurrent.atomic.LongAdder;

/**
 * The MQTT server of vertx-mqtt's {@code MqttServerImpl}, set up the same way (plain TCP or
 * TLS, no WebSocket), with two additions {@code MqttServer} offers no way to make: a
 * {@link MalformedPacketGuard} in front of the decoder, and a cap on the connections one address
 * holds ({@link ConnectionsPerAddress}), checked before anything is read. The protocol handling itself stays vertx-mqtt's
 * ({@link MqttServerConnection}); on a vertx-mqtt upgrade, compare this with its
 * {@code MqttServerImpl.listen} and {@code initChannel}.
 */
final class MqttListener {
  private final NetServer server;

  private MqttListener(NetServer server) {
    this.server = server;
  }

  static Future<MqttListener> listen(Vertx vertx, MqttServerOptions options, Handler<MqttEndpoint> endpoints,
                                     LongAdder malformed, ConnectionsPerAddress perAddress) {
    NetServer server = vertx.createNetServer(options);
    server.connectHandler(so -> {
      NetSocketInternal socket = (NetSocketInternal) so;
      String address = so.remoteAddress() == null ? null : so.remoteAddress().hostAddress();
      if (!perAddress.tryOpen(address)) {
        so.close(); // before a byte of MQTT is read: the cheapest refusal there is
        return;
      }
      socket.channelHandlerContext().channel().closeFuture().addListener(f -> perAddress.closed(address));
      initChannel(socket.channelHandlerContext().pipeline(), options, malformed);
      MqttServerConnection connection = new MqttServerConnection(socket, endpoints, null, options);
      socket.eventHandler(ReferenceCountUtil::release);
      socket.messageHandler(msg -> MqttServerConnections.handle(connection, msg));
    });
    return server.listen(options.getPort(), options.getHost()).map(s -> new MqttListener(server));
  }

  /** The names "idle" and "timeoutOnConnect" are the ones MqttServerConnection replaces after CONNECT. */
  private static void initChannel(ChannelPipeline pipeline, MqttServerOptions options, LongAdder malformed) {
    MalformedPacketGuard.Decoded decoded = new MalformedPacketGuard.Decoded();
    pipeline.addBefore("handler", "mqttEncoder", MqttEncoder.INSTANCE);
    pipeline.addBefore("handler", "malformedPacketGuard",
        new MalformedPacketGuard(options.getMaxMessageSize(), decoded, malformed));
    pipeline.addBefore("handler", "mqttDecoder", new MqttDecoder(options.getMaxMessageSize(), options.getMaxClientIdLength()));
    pipeline.addBefore("handler", "mqttDecoded", decoded);
    pipeline.addBefore("handler", "idle", new IdleStateHandler(options.timeoutOnConnect(), 0, 0));
    pipeline.addBefore("handler", "timeoutOnConnect", new ChannelDuplexHandler() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
          ctx.channel().close(); // no CONNECT within mqtt.connectTimeoutSeconds
        }
        super.userEventTriggered(ctx, evt);
      }
    });
  }

  int actualPort() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close();
  }
}
