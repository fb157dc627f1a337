package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of an anonymous attacker: bodies that are never read before the token is
 * checked and never written to disk, a body limit per route, security headers on every answer
 * (the wall page's content security policy among them), and idle connections closed. A gateway
 * and a screen are served throughout.
 */
class HttpHardeningIT {
  private static final String GW = "bandung.regol.t1";
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** Where Vert.x's body handler keeps uploads unless told otherwise: the working directory. */
  private static final Path UPLOADS = Path.of("file-uploads");
  private static TestServer server;
  private Mqtt5Gateway bystander;
  private long seq;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of("http.idleTimeout", "2s"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void aGatewayIsConnected() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "regol", "secret-r");
    bystander = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-r");
  }

  @AfterEach
  void theGatewayAndTheScreensWereServed() throws Exception {
    assertEquals(0, bystander.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
        Payloads.telemetry(GW, 1, ++seq + System.nanoTime() % 1_000_000, "aq-regol-01", 3, 1)));
    bystander.close();
    assertEquals(200, Http.send(server.httpPort(), "GET", "/api/v1/kecamatan", null, null).statusCode());
  }

  @Test
  void anUnauthenticatedUploadIsAnsweredBeforeItsBodyIsSentAndLeavesNothingOnDisk() throws Exception {
    long filesBefore = uploadedFiles();
    byte[] body = multipart(200 * 1024);
    try (Socket s = socket()) {
      // given only the head of a 200 KB multipart PUT with no token
      send(s, "PUT /api/v1/admin/cities/x HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n");
      // then the refusal comes before a byte of the body is sent, and the connection is closed after it
      String answer = readAll(s.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
      assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    }
    // when a client sends the whole upload anyway, it is refused and nothing is written; the
    // client reads the refusal every time, never a reset from a socket closed under its body
    for (int attempt = 1; attempt <= 20; attempt++) {
      HttpResponse<String> whole = http.send(HttpRequest.newBuilder(uri("/api/v1/admin/cities/x"))
          .header("Content-Type", "multipart/form-data; boundary=XyZ")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, whole.statusCode(), "attempt " + attempt);
    }
    // an admin's multipart is refused too: the API takes JSON bodies only, never files
    HttpResponse<String> admin = http.send(HttpRequest.newBuilder(uri("/api/v1/admin/cities/x"))
        .header("Content-Type", "multipart/form-data; boundary=XyZ").header("Authorization", "Bearer " + server.token("admin"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(415, admin.statusCode(), admin.body());
    assertTrue(admin.body().contains("application/json"), admin.body());
    assertEquals(filesBefore, uploadedFiles(), "no upload is kept in " + UPLOADS.toAbsolutePath());
  }

  @Test
  void aBodyOverTheRoutesLimitIsRefusedUnread() throws Exception {
    String admin = server.token("admin");
    try (Socket s = socket()) {
      // given an admin announcing a 10 MB JSON body for a route that takes 64 KiB
      send(s, "PUT /api/v1/admin/thresholds HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
      String answer = readAll(s.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.contains("65536"), "the answer names the limit: " + answer);
    }
    // a chunked body of unannounced length is cut off at the limit too
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/v1/admin/thresholds"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            ("{\"thresholds\": [" + "{}, ".repeat(40_000) + "{}]}").getBytes(StandardCharsets.UTF_8)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(413, chunked.statusCode(), chunked.body());
    // and a body within it is read as before
    HttpResponse<String> fine = Http.send(server.httpPort(), "PUT", "/api/v1/admin/thresholds", admin,
        "{\"thresholds\": []}");
    assertEquals(200, fine.statusCode(), fine.body());
  }

  @Test
  void everyAnswerCarriesSecurityHeadersAndTheWallPageAPolicyItKeeps() throws Exception {
    HttpResponse<String> wall = http.send(HttpRequest.newBuilder(uri("/wall/")).build(), HttpResponse.BodyHandlers.ofString());
    String policy = wall.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
    assertEquals("nosniff", wall.headers().firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("no-referrer", wall.headers().firstValue("Referrer-Policy").orElse(null));
    // the page keeps its own policy: no inline script, style or handler that the browser would block
    assertFalse(wall.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "an inline <script>");
    assertFalse(wall.body().matches("(?s).*<style.*|.*\\sstyle=.*|.*\\son[a-z]+=.*"), "inline style or handler");
    for (String path : new String[] {"/api/v1/kecamatan", "/api/v1/nope", "/wall/wall.js"}) {
      HttpResponse<String> r = Http.send(server.httpPort(), "GET", path, null, null);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path);
    }
  }

  @Test
  void aConnectionThatSaysNothingIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket silent = socket(); Socket kept = socket()) {
      // given one socket that never sends a request, and one kept alive after an answered request
      send(kept, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
      long start = System.nanoTime();
      // then both are closed by the server after http.idleTimeout (2 s here), not held open
      assertEquals(-1, silent.getInputStream().read(), "the silent socket is closed");
      String answered = new String(kept.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(answered.startsWith("HTTP/1.1 200"), answered);
      assertTrue(waited >= 1_500 && waited < 8_000, "closed after the idle timeout, not " + waited + " ms");
    }
  }

  private static long uploadedFiles() throws IOException {
    if (!Files.exists(UPLOADS)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(UPLOADS)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static byte[] multipart(int size) {
    String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"city.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--XyZ--\r\n";
    byte[] out = new byte[head.length() + size + tail.length()];
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
    java.util.Arrays.fill(out, head.length(), head.length() + size, (byte) 'A');
    System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + size, tail.length());
    return out;
  }

  private static Socket socket() throws IOException {
    Socket s = new Socket("127.0.0.1", server.httpPort());
    s.setSoTimeout(10_000);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Everything the server sends until it closes the connection (the read times out after 10 s otherwise). */
  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + path);
  }
}
