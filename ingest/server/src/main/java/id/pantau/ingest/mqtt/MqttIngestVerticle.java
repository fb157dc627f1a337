package id.pantau.ingest.mqtt;

import id.pantau.ingest.DeadLetters;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.ingest.IngestMetrics;
import id.pantau.ingest.StreamIngest;
import id.pantau.store.ComplaintWrite;
import id.pantau.store.TelemetryWrite;
import id.pantau.wire.ComplaintBatch;
import id.pantau.wire.TelemetryBatch;
import id.pantau.store.DownlinkStore;
import id.pantau.store.GatewayStore;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServerOptions;
import id.pantau.config.TlsFiles;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT listener for gateways. Several instances share one port (Vert.x spreads
 * connections over them); what they share lives in {@link Shared}.
 */
public final class MqttIngestVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MqttIngestVerticle.class);

  /** State shared by all instances on one server. */
  public record Shared(MqttConfig config, GatewayAuthenticator authenticator,
                       StreamIngest<TelemetryBatch, TelemetryWrite> telemetry,
                       StreamIngest<ComplaintBatch, ComplaintWrite> complaints,
                       DeadLetters deadLetters, IngestMetrics metrics, GatewaySessions sessions, Presence presence,
                       DownlinkStore downlinks, DownlinkDispatcher dispatcher, LoginThrottle logins,
                       LoginHashing hashing, LongAdder malformedPackets, ConnectionsPerAddress perAddress) {

    public static Shared create(Vertx vertx, MqttConfig config, GatewayAuthenticator authenticator,
                                StreamIngest<TelemetryBatch, TelemetryWrite> telemetry,
                                StreamIngest<ComplaintBatch, ComplaintWrite> complaints,
                                DeadLetters deadLetters, IngestMetrics metrics, GatewayStore gateways, String node,
                                DownlinkStore downlinks) {
      GatewaySessions sessions = new GatewaySessions();
      MqttConfig.LoginLimits limits = config.logins();
      LoginHashing hashing = new LoginHashing(limits.effectiveThreads(), limits.hashQueue(), limits.hashesPerAddress());
      hashing.register(metrics.registry());
      LongAdder malformed = new LongAdder();
      io.micrometer.core.instrument.FunctionCounter.builder("pantau.mqtt.malformed.closes", malformed, LongAdder::sum)
          .description("connections closed for a malformed packet").register(metrics.registry());
      ConnectionsPerAddress perAddress = new ConnectionsPerAddress(config.maxConnectionsPerAddress());
      io.micrometer.core.instrument.FunctionCounter.builder("pantau.mqtt.connections.refused.per.address",
              perAddress.refused(), LongAdder::sum)
          .description("sockets closed at once: their address held mqtt.maxConnectionsPerAddress already")
          .register(metrics.registry());
      DisabledGateways.start(vertx, gateways, sessions);
      return new Shared(config, authenticator, telemetry, complaints, deadLetters, metrics, sessions,
          new Presence(gateways, node, metrics), downlinks, new DownlinkDispatcher(vertx, downlinks, sessions),
          throttle(vertx, config), hashing, malformed, perAddress);
    }

    private static LoginThrottle throttle(Vertx vertx, MqttConfig config) {
      LoginThrottle t = new LoginThrottle(config.loginFailureLimit(), config.loginFailureWindow().toMillis());
      vertx.setPeriodic(config.loginFailureWindow().toMillis(), id -> t.expire(System.currentTimeMillis()));
      return t;
    }

    /** Before the listeners close at shutdown: presence is then written once for the whole node. */
    public void stopPresence() {
      presence.stop();
    }

    /** After the listeners closed at shutdown. */
    public int markAllOffline() throws java.sql.SQLException {
      return presence.markAllOffline();
    }

    /** Gateways connected right now. */
    public int connectedGateways() {
      return sessions.size();
    }
  }

  private final Shared shared;
  private final int port;
  private final TlsFiles tls;
  private MqttListener server;

  /**
   * @param port the port to listen on (the configured one, or the first instance's actual port)
   * @param tls the listener's certificate, or null for plain TCP
   */
  public MqttIngestVerticle(Shared shared, int port, TlsFiles tls) {
    this.shared = shared;
    this.port = port;
    this.tls = tls;
  }

  @Override
  public Future<?> start() {
    MqttServerOptions options = new MqttServerOptions()
        .setHost(shared.config().host())
        .setPort(port)
        .setMaxMessageSize(shared.config().maxPacketBytes())
        .setMaxClientIdLength(shared.config().maxClientIdLength())
        .setTimeoutOnConnect(shared.config().connectTimeoutSeconds());
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString()));
      if (tls.clientCa() != null) {
        // REQUEST, not REQUIRED: gateways without a certificate still log in with a password
        options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(new PemTrustOptions()
            .addCertPath(tls.clientCa().toString()));
      }
    }
    return MqttListener.listen(vertx, options, this::onConnect, shared.malformedPackets(), shared.perAddress()).onSuccess(l -> server = l);
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void onConnect(MqttEndpoint endpoint) {
    Context context = vertx.getOrCreateContext();
    if (shared.telemetry().stopping()) {
      refuse(endpoint, MqttReasons.ConnectRefusal.SERVER_UNAVAILABLE, "server shutting down");
      return;
    }
    if (!shared.telemetry().hasRoom() || !shared.complaints().hasRoom()) {
      refuse(endpoint, MqttReasons.ConnectRefusal.SERVER_BUSY, "ingest buffer full");
      return;
    }
    // The client may hang up while its credentials are checked: then there is nobody to answer,
    // a queued hash is skipped, and accepting would mark online a gateway whose close was missed.
    AtomicBoolean gone = new AtomicBoolean();
    endpoint.closeHandler(v -> gone.set(true));
    String clientId = endpoint.clientIdentifier();
    String certifiedGateway = ClientCertificates.commonName(endpoint);
    if (certifiedGateway != null) {
      // a certificate is checked first: password throttling never touches certificate logins
      settle(endpoint, context, gone, null, shared.authenticator()
          .authenticateByCertificate(clientId, username(endpoint), certifiedGateway));
      return;
    }
    String address = endpoint.remoteAddress() == null ? null : endpoint.remoteAddress().hostAddress();
    long now = System.currentTimeMillis();
    if (!shared.logins().allowed(clientId, address, now)) {
      refuse(endpoint, MqttReasons.ConnectRefusal.RATE_LIMITED, "too many failed logins from this address; retry after "
          + shared.logins().retryAfterSeconds() + " s");
      return;
    }
    String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
    var login = new GatewayAuthenticator.Login(clientId, username(endpoint), password, address,
        shared.logins().hasFailed(address, now), gone);
    settle(endpoint, context, gone, address, shared.authenticator().authenticate(login, shared.hashing()));
  }

  /** Answers the CONNECT once its credentials are checked; {@code address} null for a certificate login. */
  private void settle(MqttEndpoint endpoint, Context context, AtomicBoolean gone, String address,
                      Future<GatewayIdentity> identified) {
    String clientId = endpoint.clientIdentifier();
    identified
        .onSuccess(identity -> {
          if (address != null) {
            shared.logins().succeeded(identity.gatewayId(), address);
          }
          if (gone.get()) {
            log.info("gateway left before its credentials were checked gateway={}", identity.gatewayId());
          } else {
            accept(endpoint, identity, context);
          }
        })
        .onFailure(e -> {
          if (e instanceof AuthenticationException && address != null) {
            shared.logins().failed(clientId, address, System.currentTimeMillis());
          }
          if (gone.get()) {
            log.info("connect abandoned client={} reason={}", LogText.escape(clientId), e.getMessage());
          } else if (e instanceof AuthenticationException auth) {
            refuse(endpoint, auth.refusal(), auth.getMessage());
          } else if (e instanceof LoginHashing.Refused busy) {
            refuse(endpoint, busy.perAddress() ? MqttReasons.ConnectRefusal.RATE_LIMITED
                : MqttReasons.ConnectRefusal.SERVER_BUSY, busy.getMessage());
          } else {
            log.warn("cannot check credentials client={}: {}", LogText.escape(clientId), e.toString());
            refuse(endpoint, MqttReasons.ConnectRefusal.SERVER_UNAVAILABLE, "credential store unavailable");
          }
        });
  }

  private static String username(MqttEndpoint endpoint) {
    return endpoint.auth() == null ? null : endpoint.auth().getUsername();
  }

  private void accept(MqttEndpoint endpoint, GatewayIdentity identity, Context context) {
    GatewayConnection connection = new GatewayConnection(endpoint, identity, shared.sessions().newConnectionId(),
        context, shared);
    // the CONNACK says whether a persistent downlink session was found, so it waits for that answer
    connection.start().onComplete(r -> {
      try {
        endpoint.accept(r.succeeded() && r.result(), connackProperties(endpoint));
      } catch (IllegalStateException | IllegalArgumentException closed) {
        log.info("gateway left before its CONNACK gateway={}", identity.gatewayId());
        return;
      }
      connection.afterAccept();
    });
  }

  private MqttProperties connackProperties(MqttEndpoint endpoint) {
    if (!MqttReasons.isMqtt5(endpoint.protocolVersion())) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties props = new MqttProperties();
    props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(),
        shared.config().receiveMaximum()));
    props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
        shared.config().maxPacketBytes()));
    props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
    props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
    props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
    return props;
  }

  private void refuse(MqttEndpoint endpoint, MqttReasons.ConnectRefusal refusal, String why) {
    shared.metrics().connectRefused();
    log.info("connect refused client={} address={} reason={}", LogText.escape(endpoint.clientIdentifier()),
        endpoint.remoteAddress(), why);
    endpoint.reject(MqttReasons.connack(refusal, endpoint.protocolVersion()));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
