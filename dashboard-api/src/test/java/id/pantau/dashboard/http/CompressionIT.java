package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Batches;
import id.pantau.dashboard.testing.DashboardIT;
import id.pantau.dashboard.testing.Http;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot views answer in gzip to screens that take it, compressed once per snapshot and
 * shared by every screen (not once per request), with {@code Vary}, an ETag per encoding that
 * revalidates in either, and identity for a screen that does not ask.
 */
class CompressionIT extends DashboardIT {
  private static final List<String> VIEWS = List.of("kecamatan", "complaints", "air", "flood", "ingest", "alerts",
      "quality");
  private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void someData() throws Exception {
    assertEquals(1, dashboard.telemetry("bandung", "coblong", Batches.pm25(GW, 1, 1, "aq-coblong-01", 3, 10))
        .storedBatches());
  }

  @Test
  void gzipAnswerDecodesToExactlyTheIdentityBody() throws Exception {
    for (int attempt = 0; ; attempt++) {
      // given the same snapshot asked for in both encodings (a tick may change it in between: then ask again)
      HttpResponse<byte[]> plain = get("/api/v1/kecamatan", null, null);
      HttpResponse<byte[]> gzip = get("/api/v1/kecamatan", "gzip, deflate, br", null);
      String plainTag = header(plain, "ETag");
      String gzipTag = header(gzip, "ETag");
      if (!gzipTag.equals(plainTag.substring(0, plainTag.length() - 1) + "-gzip\"") && attempt < 20) {
        continue;
      }
      // then the gzip answer says so, is smaller, and decodes to the identity body byte for byte
      assertEquals(200, gzip.statusCode());
      assertEquals("gzip", header(gzip, "Content-Encoding"));
      assertEquals("application/json", header(gzip, "Content-Type"));
      assertTrue(gzip.body().length < plain.body().length / 2, gzip.body().length + " of " + plain.body().length);
      assertArrayEquals(plain.body(), gunzip(gzip.body()));
      assertEquals(gzip.body().length, Integer.parseInt(header(gzip, "Content-Length")));
      assertEquals("Accept-Encoding", header(gzip, "Vary"));
      assertEquals("Accept-Encoding", header(plain, "Vary"));
      // a reverse proxy may keep it no longer than a tick (the fixture's 200 ms: no-cache, revalidate each time)
      assertEquals("public, no-cache", header(gzip, "Cache-Control"));
      return;
    }
  }

  @Test
  void etagRevalidatesInEitherEncoding() throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> gzip = get("/api/v1/air", "gzip", null);
      String gzipTag = header(gzip, "ETag");
      String plainTag = gzipTag.replace("-gzip\"", "\"");
      // when a screen holding the gzip form asks again, with gzip
      HttpResponse<byte[]> again = get("/api/v1/air", "gzip", gzipTag);
      // or a screen (or proxy) holding the identity form asks with gzip, or holding gzip asks without
      HttpResponse<byte[]> plainHeld = get("/api/v1/air", "gzip", plainTag);
      HttpResponse<byte[]> weak = get("/api/v1/air", null, "W/" + gzipTag);
      if ((again.statusCode() != 304 || plainHeld.statusCode() != 304 || weak.statusCode() != 304) && attempt < 20) {
        continue; // the view changed in between
      }
      // then each is told its form is current, with the tag it holds, no body, and Vary
      assertEquals(304, again.statusCode());
      assertEquals(gzipTag, header(again, "ETag"));
      assertEquals(0, again.body().length);
      assertEquals("Accept-Encoding", header(again, "Vary"));
      assertEquals(304, plainHeld.statusCode());
      assertEquals(plainTag, header(plainHeld, "ETag"));
      assertEquals(304, weak.statusCode());
      assertEquals(gzipTag, header(weak, "ETag"));
      assertFalse(again.headers().firstValue("Content-Encoding").isPresent());
      return;
    }
  }

  @Test
  void headAnswersAViewsHeadersWithoutItsBody() throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> got = get("/api/v1/kecamatan", "gzip", null);
      // when a proxy asks HEAD, then (on the same connection) something else
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", dashboard.httpPort())) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("HEAD /api/v1/kecamatan HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
            + "GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String head = headUntilBlankLine(s.getInputStream());
        String next = headUntilBlankLine(s.getInputStream());
        String etag = headerIn(head, "ETag");
        if (!etag.equals(header(got, "ETag")) && attempt < 20) {
          continue; // a tick changed the view between the GET and the HEAD
        }
        // then the HEAD has the GET's status, tag, encoding and length, and no body: the next answer follows at once
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        assertEquals("gzip", headerIn(head, "Content-Encoding"));
        assertEquals(String.valueOf(got.body().length), headerIn(head, "Content-Length"));
        assertTrue(next.startsWith("HTTP/1.1 200"), "after the HEAD's headers came: " + next);
      }
      // and a held tag revalidates by HEAD as by GET
      HttpResponse<Void> revalidated = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + dashboard.httpPort() + "/api/v1/kecamatan")).method("HEAD", HttpRequest.BodyPublishers.noBody())
          .header("Accept-Encoding", "gzip").header("If-None-Match", header(got, "ETag")).build(),
          HttpResponse.BodyHandlers.discarding());
      if (revalidated.statusCode() != 304 && attempt < 20) {
        continue;
      }
      assertEquals(304, revalidated.statusCode());
      return;
    }
  }

  private static String headUntilBlankLine(java.io.InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("closed after " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static String headerIn(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    throw new AssertionError("no " + name + " in " + head);
  }

  @Test
  void noCompressionWhenNotAskedOrRefused() throws Exception {
    for (String acceptEncoding : new String[] {null, "identity", "gzip;q=0", "br, zstd", "gzip;q=0.5, identity"}) {
      HttpResponse<byte[]> r = get("/api/v1/kecamatan", acceptEncoding, null);
      assertEquals(200, r.statusCode(), String.valueOf(acceptEncoding));
      assertFalse(r.headers().firstValue("Content-Encoding").isPresent(), String.valueOf(acceptEncoding));
      assertEquals("bandung", new JsonObject(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
          .getString("city"));
      assertFalse(header(r, "ETag").endsWith("-gzip\""), header(r, "ETag"));
    }
    // and * stands for gzip
    assertEquals("gzip", header(get("/api/v1/kecamatan", "*", null), "Content-Encoding"));
  }

  @Test
  void compressionsDoNotGrowWithTheNumberOfScreens() throws Exception {
    for (int attempt = 0; ; attempt++) {
      // given every view's current snapshot, in gzip
      List<String> tags = tags();
      long before = compressions();
      // when 50 screens poll every view in gzip, all at once
      List<CompletableFuture<HttpResponse<byte[]>>> polls = new ArrayList<>();
      for (int screen = 0; screen < 50; screen++) {
        for (String view : VIEWS) {
          polls.add(client.sendAsync(request("/api/v1/" + view, "gzip", null), HttpResponse.BodyHandlers.ofByteArray()));
        }
      }
      int gzipped = 0;
      for (var poll : polls) {
        HttpResponse<byte[]> r = poll.get();
        assertEquals(200, r.statusCode());
        gzipped += r.headers().firstValue("Content-Encoding").isPresent() ? 1 : 0;
      }
      long after = compressions();
      if (!tags().equals(tags) && attempt < 20) {
        continue; // a view changed meanwhile: its new snapshot was compressed once, rightly; measure again
      }
      // then 300 answers cost no compression: each view's was made once, with its snapshot
      assertTrue(gzipped >= 50, gzipped + " gzip answers"); // the kecamatan view at least is large enough to compress
      assertEquals(before, after, "compressions while 300 answers were sent");
      return;
    }
  }

  @Test
  void streamInGzipCarriesTheSameEventsDeflatedOnceForEveryScreen() throws Exception {
    for (int attempt = 0; ; attempt++) {
      List<String> tags = tags();
      long before = gzipEvents();
      // given five screens streaming in gzip and one without
      List<java.io.InputStream> gzipScreens = new ArrayList<>();
      List<HttpResponse<java.io.InputStream>> opened = new ArrayList<>();
      try {
        for (int screen = 0; screen < 5; screen++) {
          HttpResponse<java.io.InputStream> r = client.send(request("/api/v1/stream", "gzip", null),
              HttpResponse.BodyHandlers.ofInputStream());
          opened.add(r);
          assertEquals("gzip", header(r, "Content-Encoding"));
          assertEquals("Accept-Encoding", header(r, "Vary"));
          gzipScreens.add(new GZIPInputStream(r.body()));
        }
        HttpResponse<java.io.InputStream> plain = client.send(request("/api/v1/stream", null, null),
            HttpResponse.BodyHandlers.ofInputStream());
        opened.add(plain);
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        java.io.InputStream plainScreen = plain.body();
        // then each gzip screen reads, decompressed, the very event lines the identity screen reads
        List<String> expected = firstEvent(plainScreen, "kecamatan");
        List<List<String>> got = new ArrayList<>();
        for (var screen : gzipScreens) {
          got.add(firstEvent(screen, "kecamatan"));
        }
        long after = gzipEvents();
        if ((!tags().equals(tags) || got.stream().anyMatch(g -> !g.equals(expected))) && attempt < 20) {
          continue; // a tick changed the views between the screens' connections
        }
        got.forEach(g -> assertEquals(expected, g));
        assertEquals("bandung", new JsonObject(expected.get(2).substring("data: ".length())).getString("city"));
        // and the views' events were deflated once each for the five screens, not once per screen
        assertTrue(after - before <= VIEWS.size(), (after - before) + " events deflated for 5 screens");
        return;
      } finally {
        for (var r : opened) {
          r.body().close();
        }
      }
    }
  }

  /** The id, event and data lines of the first event named {@code name}. */
  private static List<String> firstEvent(java.io.InputStream stream, String name) throws IOException {
    String id = null;
    for (String line = line(stream); line != null; line = line(stream)) {
      if (line.startsWith("id: ")) {
        id = line;
      } else if (line.equals("event: " + name)) {
        return List.of(id, line, line(stream));
      }
    }
    throw new AssertionError("the stream ended before a " + name + " event");
  }

  /**
   * One line, read a byte at a time: a Reader would wait for more than the events sent so far
   * (GZIPInputStream says bytes are available until its end, so a decoder keeps reading).
   */
  private static String line(java.io.InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(java.nio.charset.StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long gzipEvents() throws Exception {
    return new JsonObject(Http.send(dashboard.httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getJsonObject("streams").getLong("gzipEvents");
  }

  private static List<String> tags() throws Exception {
    List<String> tags = new ArrayList<>();
    for (String view : VIEWS) {
      tags.add(header(get("/api/v1/" + view, "gzip", null), "ETag"));
    }
    return tags;
  }

  private static long compressions() throws Exception {
    return new JsonObject(Http.send(dashboard.httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getLong("gzipCompressions");
  }

  private static HttpRequest request(String path, String acceptEncoding, String ifNoneMatch) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.httpPort() + path));
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return b.build();
  }

  private static HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch) throws Exception {
    return client.send(request(path, acceptEncoding, ifNoneMatch), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " in " + r.headers().map()));
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
