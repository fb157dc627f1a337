package id.pantau.ingest.mqtt;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.store.GatewayStore;
import id.pantau.store.GatewayStore.StoredGateway;
import id.pantau.wire.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a CONNECT: client id = username = a known gateway id, and the password matches the
 * stored PBKDF2 hash, or a verified client certificate names the gateway. The slow hash runs on a worker thread, never on the event loop. A
 * secret that verified once is remembered as a SHA-256 digest (in memory only), so a
 * gateway fleet reconnecting after a network blip does not cost seconds of CPU.
 */
public final class GatewayAuthenticator {
  private record Verified(byte[] digest, String storedHash, KecamatanRef kecamatan) {
  }

  private final Vertx vertx;
  private final GatewayStore store;
  private final CityDirectory cities;
  private final PasswordHasher hasher;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  public GatewayAuthenticator(Vertx vertx, GatewayStore store, CityDirectory cities, PasswordHasher hasher) {
    this.vertx = vertx;
    this.store = store;
    this.cities = cities;
    this.hasher = hasher;
  }

  Future<GatewayIdentity> authenticate(String clientId, String username, String password) {
    if (!Ids.isValid(clientId)) {
      return refused(MqttReasons.ConnectRefusal.IDENTIFIER_INVALID, "client id is not a valid gateway id");
    }
    if (username == null || password == null || !username.equals(clientId)) {
      return refused(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "username must be the gateway id, with its password");
    }
    return vertx.executeBlocking(() -> verify(clientId, password), false);
  }

  /**
   * A client certificate (verified by the TLS handshake) names the gateway in its CN; the client
   * id, and the username if one is sent, must be that id. No password is needed.
   */
  Future<GatewayIdentity> authenticateByCertificate(String clientId, String username, String certifiedGateway) {
    if (!certifiedGateway.equals(clientId)) {
      return refused(MqttReasons.ConnectRefusal.IDENTIFIER_INVALID, "client id '" + clientId
          + "' is not the gateway id in the client certificate's CN");
    }
    if (username != null && !username.equals(certifiedGateway)) {
      return refused(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "username must be the gateway id of the certificate");
    }
    return vertx.executeBlocking(() -> identity(certifiedGateway), false);
  }

  private GatewayIdentity identity(String gatewayId) throws Exception {
    return new GatewayIdentity(gatewayId, kecamatanOf(known(gatewayId)));
  }

  /** The stored gateway; SQLException here means the database is away. */
  private StoredGateway known(String gatewayId) throws Exception {
    return store.find(gatewayId).orElseThrow(() ->
        new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, AuthenticationException.UNKNOWN_GATEWAY));
  }

  private KecamatanRef kecamatanOf(StoredGateway gateway) throws AuthenticationException {
    return cities.kecamatan(gateway.kecamatanId()).orElseThrow(() ->
        new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "gateway's kecamatan is not configured"));
  }

  private GatewayIdentity verify(String gatewayId, String password) throws Exception {
    StoredGateway stored = known(gatewayId);
    KecamatanRef kecamatan = kecamatanOf(stored);
    byte[] digest = sha256(password);
    Verified cached = verified.get(gatewayId);
    boolean ok = cached != null && cached.storedHash().equals(stored.secretHash())
        && MessageDigest.isEqual(cached.digest(), digest);
    if (!ok && hasher.verify(password, stored.secretHash())) {
      verified.put(gatewayId, new Verified(digest, stored.secretHash(), kecamatan));
      ok = true;
    }
    if (!ok) {
      throw new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "wrong password");
    }
    return new GatewayIdentity(gatewayId, kecamatan);
  }

  private static <T> Future<T> refused(MqttReasons.ConnectRefusal refusal, String why) {
    return Future.failedFuture(new AuthenticationException(refusal, why));
  }

  private static byte[] sha256(String s) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
