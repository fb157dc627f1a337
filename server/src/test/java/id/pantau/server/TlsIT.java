package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestCertificates;
import id.pantau.server.support.TestServer;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MQTT over TLS only (the plain port is off) and HTTPS, with PEM certificates from the
 * configuration. A gateway logs in with its password, or with a client certificate whose CN is
 * its gateway id; a certificate for another id, or one the server does not trust, gets nowhere.
 */
class TlsIT {
  private static final String GW = "bandung.coblong.tls1";
  private static final String OTHER = "bandung.regol.tls1";
  private static TestServer server;
  private static TestCertificates.Pem serverCert;
  private static TestCertificates.Pem gatewayCert;
  private static TestCertificates.Pem impostorCert;
  private static TestCertificates.Pem gatewaySignedCert;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    Path dir = TestServer.tempDir("tls");
    serverCert = TestCertificates.server(dir.resolve("server"));
    TestCertificates.Pem authority = TestCertificates.authority(dir.resolve("ca"), "Pantau gateway CA");
    gatewayCert = TestCertificates.gateway(dir.resolve("trusted"), GW, authority);
    impostorCert = TestCertificates.gateway(dir.resolve("untrusted"), GW);
    // regol's gateway signs a certificate naming coblong's with its own (CA=false) key
    TestCertificates.Pem regolCert = TestCertificates.gateway(dir.resolve("regol"), OTHER, authority);
    gatewaySignedCert = TestCertificates.gateway(dir.resolve("forged"), GW, regolCert);
    // the client sends the whole chain: forged leaf, then regol's certificate as its "intermediate"
    java.nio.file.Files.writeString(gatewaySignedCert.certificate(),
        java.nio.file.Files.readString(regolCert.certificate()), java.nio.file.StandardOpenOption.APPEND);
    server = TestServer.start(Map.of("mqtt.port", -1, "mqtt.tls.port", 0,
        "mqtt.tls.certificate", serverCert.certificate().toString(), "mqtt.tls.key", serverCert.key().toString(),
        "mqtt.tls.clientCa", authority.certificate().toString(),
        "http.tls.certificate", serverCert.certificate().toString(), "http.tls.key", serverCert.key().toString()));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    server.close();
  }

  @BeforeEach
  void gateways() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", "pw-tls");
    server.gateway(OTHER, "bandung", "regol", "pw-other");
  }

  @Test
  void onlyTheTlsListenerRuns() {
    assertEquals(-1, server.server().mqttPort(), "mqtt.port -1 turns plain MQTT off");
    assertTrue(server.server().mqttTlsPort() > 0);
  }

  @Test
  void aGatewayLogsInWithItsPasswordOverTls() throws Exception {
    assertEquals(3, readingsStoredThrough(client(GW, "pw-tls", null)));
  }

  @Test
  void aClientCertificateNamingTheGatewayReplacesThePassword() throws Exception {
    assertEquals(3, readingsStoredThrough(client(GW, null, gatewayCert)));
  }

  /** Connects over TLS, publishes 3 readings, waits for the PUBACK: how many are in the database. */
  private static long readingsStoredThrough(MqttClient client) throws Exception {
    await(client.connect(server.server().mqttTlsPort(), "localhost"));
    publishAndAwaitAck(client, GW, "aq-coblong-tls");
    await(client.disconnect());
    return server.number("SELECT count(*) FROM reading r JOIN sensor s ON s.id = r.sensor_id"
        + " WHERE s.external_id = 'aq-coblong-tls'");
  }

  @Test
  void wrongPasswordsNeverThrottleTheGatewaysCertificateLogin() throws Exception {
    // from 127.0.0.2, so that the other tests' password logins (from 127.0.0.1) are not throttled
    for (int i = 0; i < 5; i++) {
      MqttClient guess = client(GW, "guess-" + i, null, "127.0.0.2");
      assertThrows(Exception.class, () -> await(guess.connect(server.server().mqttTlsPort(), "localhost")));
    }
    MqttClient throttled = client(GW, "pw-tls", null, "127.0.0.2");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> await(throttled.connect(server.server().mqttTlsPort(), "localhost")));
    assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, ((MqttConnectionException) e.getCause()).code(),
        "password logins of this id from this address are throttled (3.1.1: not authorized)");
    assertEquals(3, readingsStoredThrough(client(GW, null, gatewayCert, "127.0.0.2")), "the certificate login is not");
  }

  @Test
  void aCertificateForAnotherGatewayIsRefused() {
    // the certificate says coblong's gateway; the client claims to be regol's, without its password
    MqttClient client = client(OTHER, null, gatewayCert);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> await(client.connect(server.server().mqttTlsPort(), "localhost")));
    assertTrue(e.getCause() instanceof MqttConnectionException, e.toString());
    assertEquals(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
        ((MqttConnectionException) e.getCause()).code());
  }

  @Test
  void anUntrustedCertificateWithTheRightNameGetsNoConnection() throws Exception {
    MqttClient client = client(GW, null, impostorCert);
    assertThrows(Exception.class, () -> await(client.connect(server.server().mqttTlsPort(), "localhost")));
    assertEquals(0, server.number("SELECT count(*) FROM gateway WHERE id = ? AND online", GW));
  }

  @Test
  void aCertificateSignedByAnotherGatewayIsRefused() throws Exception {
    MqttClient client = client(GW, null, gatewaySignedCert);
    assertThrows(Exception.class, () -> await(client.connect(server.server().mqttTlsPort(), "localhost")));
    assertEquals(0, server.number("SELECT count(*) FROM gateway WHERE id = ? AND online", GW));
  }

  @Test
  void aGatewayCertificateIsRefusedAsClientCa() throws Exception {
    Path dir = TestServer.tempDir("tls-anchor");
    TestCertificates.Pem notAnAuthority = TestCertificates.gateway(dir, GW);
    Exception e = assertThrows(Exception.class, () -> TestServer.start(Map.of("mqtt.port", -1, "mqtt.tls.port", 0,
        "mqtt.tls.certificate", serverCert.certificate().toString(), "mqtt.tls.key", serverCert.key().toString(),
        "mqtt.tls.clientCa", notAnAuthority.certificate().toString())).close());
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("is not a certificate authority"), messages.toString());
  }

  @Test
  void theApiAnswersOverHttps() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(serverCert.trustingOnlyThis()).build();
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(
        URI.create("https://localhost:" + server.httpPort() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    HttpClient plain = HttpClient.newHttpClient();
    assertThrows(Exception.class, () -> plain.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + server.httpPort() + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode(), "plain HTTP on the HTTPS port gets no answer");
  }

  private static MqttClient client(String clientId, String password, TestCertificates.Pem certificate) {
    return client(clientId, password, certificate, null);
  }

  /** From {@code localAddress} (127.0.0.2, say: another client address as the server sees it), or the default. */
  private static MqttClient client(String clientId, String password, TestCertificates.Pem certificate,
                                   String localAddress) {
    MqttClientOptions options = new MqttClientOptions().setClientId(clientId).setAckTimeout(-1).setSsl(true)
        .setHostnameVerificationAlgorithm("HTTPS")
        .setTrustOptions(new PemTrustOptions().addCertPath(serverCert.certificate().toString()));
    if (password != null) {
      options.setUsername(clientId).setPassword(password);
    }
    if (localAddress != null) {
      options.setLocalAddress(localAddress);
    }
    if (certificate != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.certificate().toString())
          .setKeyPath(certificate.key().toString()));
    }
    return MqttClient.create(vertx, options);
  }

  private static void publishAndAwaitAck(MqttClient client, String gateway, String sensor) throws Exception {
    CompletableFuture<Integer> acked = new CompletableFuture<>();
    client.publishCompletionHandler(acked::complete);
    int packetId = await(client.publish(Payloads.topic("bandung", "coblong", "telemetry"),
        Buffer.buffer(Payloads.telemetry(gateway, 1, 1, sensor, 3, 10)), MqttQoS.AT_LEAST_ONCE, false, false));
    assertEquals(packetId, acked.get(30, TimeUnit.SECONDS));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
