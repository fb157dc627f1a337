package id.pantau.ingest.mqtt;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.store.GatewayStore;
import id.pantau.store.GatewayStore.StoredGateway;
import id.pantau.wire.Ids;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks a CONNECT: client id = username = a known, enabled gateway id, and the password
 * matches the stored PBKDF2 hash, or a verified client certificate names the gateway. The
 * gateway is looked up on a worker; the slow hash runs on {@link LoginHashing}'s own bounded
 * threads, never on the event loop or the shared worker pool. A secret that verified once is
 * remembered as a SHA-256 digest (in memory only), so a gateway fleet reconnecting after a
 * network blip costs no hashing at all.
 */
public final class GatewayAuthenticator {
  private record Verified(byte[] digest, String storedHash) {
  }

  /** What the cheap first step found: the gateway, and whether the password is the one verified before. */
  private record Candidate(StoredGateway stored, KecamatanRef kecamatan, byte[] digest, boolean verifiedBefore) {
  }

  /**
   * One password login: who, from where (and whether that address failed a login lately), and a
   * flag set when the client hangs up meanwhile.
   */
  record Login(String clientId, String username, String password, String address, boolean suspectAddress,
               AtomicBoolean abandoned) {
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

  Future<GatewayIdentity> authenticate(Login login, LoginHashing hashing) {
    if (!Ids.isValid(login.clientId())) {
      return refused(MqttReasons.ConnectRefusal.IDENTIFIER_INVALID, "client id is not a valid gateway id");
    }
    if (login.username() == null || login.password() == null || !login.username().equals(login.clientId())) {
      return refused(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "username must be the gateway id, with its password");
    }
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> candidate(login.clientId(), login.password()), false).compose(c -> {
      if (c.verifiedBefore()) {
        return Future.succeededFuture(new GatewayIdentity(c.stored().id(), c.kecamatan()));
      }
      return hashing.run(login.address(), login.suspectAddress(), login.abandoned(), context,
          () -> verify(c, login.password()));
    });
  }

  /**
   * A client certificate (verified by the TLS handshake) names the gateway in its CN; the client
   * id, and the username if one is sent, must be that id. No password is needed.
   */
  Future<GatewayIdentity> authenticateByCertificate(String clientId, String username, String certifiedGateway) {
    if (!certifiedGateway.equals(clientId)) {
      return refused(MqttReasons.ConnectRefusal.IDENTIFIER_INVALID, "client id '" + LogText.escape(clientId)
          + "' is not the gateway id in the client certificate's CN");
    }
    if (username != null && !username.equals(certifiedGateway)) {
      return refused(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "username must be the gateway id of the certificate");
    }
    return vertx.executeBlocking(() -> {
      StoredGateway stored = known(certifiedGateway);
      return new GatewayIdentity(certifiedGateway, kecamatanOf(stored));
    }, false);
  }

  /** The stored gateway; SQLException here means the database is away. */
  private StoredGateway known(String gatewayId) throws Exception {
    StoredGateway stored = store.find(gatewayId).orElseThrow(() ->
        new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, AuthenticationException.UNKNOWN_GATEWAY));
    if (stored.disabled()) {
      throw new AuthenticationException(MqttReasons.ConnectRefusal.NOT_AUTHORIZED, "gateway disabled by an administrator");
    }
    return stored;
  }

  private KecamatanRef kecamatanOf(StoredGateway gateway) throws AuthenticationException {
    return cities.kecamatan(gateway.kecamatanId()).orElseThrow(() ->
        new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "gateway's kecamatan is not configured"));
  }

  private Candidate candidate(String gatewayId, String password) throws Exception {
    StoredGateway stored = known(gatewayId);
    KecamatanRef kecamatan = kecamatanOf(stored);
    byte[] digest = sha256(password);
    Verified cached = verified.get(gatewayId);
    boolean same = cached != null && cached.storedHash().equals(stored.secretHash())
        && MessageDigest.isEqual(cached.digest(), digest);
    return new Candidate(stored, kecamatan, digest, same);
  }

  /** On a login thread: the PBKDF2 comparison. */
  private GatewayIdentity verify(Candidate c, String password) throws AuthenticationException {
    if (!hasher.verify(password, c.stored().secretHash())) {
      throw new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "wrong password");
    }
    verified.put(c.stored().id(), new Verified(c.digest(), c.stored().secretHash()));
    return new GatewayIdentity(c.stored().id(), c.kecamatan());
  }

  private static <T> Future<T> refused(MqttReasons.ConnectRefusal refusal, String why) {
    return Future.failedFuture(new AuthenticationException(refusal, why));
  }

  private static byte[] sha256(String s) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
