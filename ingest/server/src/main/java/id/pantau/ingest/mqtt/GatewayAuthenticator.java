package id.pantau.ingest.mqtt;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.ingest.GatewayIdentity;
import id.pantau.store.GatewayStore;
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
 * stored PBKDF2 hash. The slow hash runs on a worker thread, never on the event loop. A
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

  private GatewayIdentity verify(String gatewayId, String password) throws Exception {
    var stored = store.find(gatewayId); // SQLException here means the database is away
    if (stored.isEmpty()) {
      throw new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, AuthenticationException.UNKNOWN_GATEWAY);
    }
    KecamatanRef kecamatan = cities.kecamatan(stored.get().kecamatanId()).orElseThrow(() ->
        new AuthenticationException(MqttReasons.ConnectRefusal.BAD_CREDENTIALS, "gateway's kecamatan is not configured"));
    byte[] digest = sha256(password);
    Verified known = verified.get(gatewayId);
    boolean ok = known != null && known.storedHash().equals(stored.get().secretHash())
        && MessageDigest.isEqual(known.digest(), digest);
    if (!ok && hasher.verify(password, stored.get().secretHash())) {
      verified.put(gatewayId, new Verified(digest, stored.get().secretHash(), kecamatan));
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
