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
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import id.pantau.config.TlsFiles;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
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
                       DownlinkStore downlinks, DownlinkDispatcher dispatcher, LoginThrottle logins) {

    public static Shared create(Vertx vertx, MqttConfig config, GatewayAuthenticator authenticator,
                                StreamIngest<TelemetryBatch, TelemetryWrite> telemetry,
                                StreamIngest<ComplaintBatch, ComplaintWrite> complaints,
                                DeadLetters deadLetters, IngestMetrics metrics, GatewayStore gateways, String node,
                                DownlinkStore downlinks) {
      GatewaySessions sessions = new GatewaySessions();
      return new Shared(config, authenticator, telemetry, complaints, deadLetters, metrics, sessions,
          new Presence(gateways, node, metrics), downlinks, new DownlinkDispatcher(vertx, downlinks, sessions),
          throttle(vertx, config));
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
  private MqttServer server;

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
    server = MqttServer.create(vertx, options).endpointHandler(this::onConnect);
    return server.listen();
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void onConnect(MqttEndpoint endpoint) {
    Context context = vertx.getOrCreateContext();
    String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
    String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
    if (shared.telemetry().stopping()) {
      refuse(endpoint, MqttReasons.ConnectRefusal.SERVER_UNAVAILABLE, "server shutting down");
      return;
    }
    if (!shared.telemetry().hasRoom() || !shared.complaints().hasRoom()) {
      refuse(endpoint, MqttReasons.ConnectRefusal.SERVER_BUSY, "ingest buffer full");
      return;
    }
    String address = endpoint.remoteAddress() == null ? null : endpoint.remoteAddress().hostAddress();
    String clientId = endpoint.clientIdentifier();
    if (!shared.logins().allowed(clientId, address, System.currentTimeMillis())) {
      refuse(endpoint, MqttReasons.ConnectRefusal.RATE_LIMITED, "too many failed logins; retry after "
          + shared.logins().retryAfterSeconds() + " s");
      return;
    }
    // The client may hang up while its password is being checked on a worker: then there is
    // nobody to answer, and accepting would mark online a gateway whose close was already missed.
    boolean[] gone = {false};
    endpoint.closeHandler(v -> gone[0] = true);
    String certifiedGateway = ClientCertificates.commonName(endpoint);
    Future<GatewayIdentity> identified = certifiedGateway != null
        ? shared.authenticator().authenticateByCertificate(clientId, username, certifiedGateway)
        : shared.authenticator().authenticate(clientId, username, password);
    identified
        .onSuccess(identity -> {
          shared.logins().succeeded(identity.gatewayId());
          if (gone[0]) {
            log.info("gateway left before its credentials were checked gateway={}", identity.gatewayId());
          } else {
            accept(endpoint, identity, context);
          }
        })
        .onFailure(e -> {
          if (gone[0]) {
            log.info("connect abandoned client={} reason={}", endpoint.clientIdentifier(), e.getMessage());
          } else if (e instanceof AuthenticationException auth) {
            shared.logins().failed(clientId, address, auth.unknownGateway(), System.currentTimeMillis());
            refuse(endpoint, auth.refusal(), auth.getMessage());
          } else {
            log.warn("cannot check credentials client={}: {}", endpoint.clientIdentifier(), e.toString());
            refuse(endpoint, MqttReasons.ConnectRefusal.SERVER_UNAVAILABLE, "credential store unavailable");
          }
        });
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
    log.info("connect refused client={} address={} reason={}", endpoint.clientIdentifier(), endpoint.remoteAddress(), why);
    endpoint.reject(MqttReasons.connack(refusal, endpoint.protocolVersion()));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
