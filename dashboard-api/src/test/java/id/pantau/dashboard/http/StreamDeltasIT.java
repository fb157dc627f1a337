package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Batches;
import id.pantau.dashboard.testing.DashboardFixture;
import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.dashboard.view.JsonDelta;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A screen that asks for deltas gets each view whole first, then what changed: applied to what it
 * holds, the deltas give the view exactly as polling serves it; a screen that names views gets
 * only those; the deltas are computed once per change, whatever the number of screens.
 */
class StreamDeltasIT {
  private static final String GW = "bandung.regol.t1";
  private static final AtomicLong SEQ = new AtomicLong();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static DashboardFixture dashboard;

  @BeforeAll
  static void start() throws Exception {
    dashboard = DashboardFixture.start();
    dashboard.truncate();
    dashboard.gateway(GW, "bandung", "regol");
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  @Test
  void deltasAppliedToTheWholeViewGiveTheViewAsPolled() throws Exception {
    deltasGiveTheViewAsPolled(null, "");
  }

  @Test
  void gzipStreamCarriesTheSameDeltas() throws Exception {
    deltasGiveTheViewAsPolled("gzip", "");
  }

  @Test
  void aKecamatansScreenGetsDeltasOfItsNarrowedView() throws Exception {
    deltasGiveTheViewAsPolled(null, "&kecamatan=regol");
  }

  @Test
  void unknownViewOrDeltasValueIsRefusedNamingIt() throws Exception {
    HttpResponse<String> badView = Http.send(dashboard.httpPort(), "GET", "/api/v1/stream?views=kecamatan,weather",
        null, null);
    assertEquals(400, badView.statusCode());
    assertTrue(badView.body().contains("weather") && badView.body().contains("views"), badView.body());
    HttpResponse<String> badDeltas = Http.send(dashboard.httpPort(), "GET", "/api/v1/stream?deltas=yes", null, null);
    assertEquals(400, badDeltas.statusCode());
    assertTrue(badDeltas.body().contains("deltas"), badDeltas.body());
  }

  /** @param narrowing appended to the stream's and the view's query */
  private void deltasGiveTheViewAsPolled(String encoding, String narrowing) throws Exception {
    // given a screen streaming the kecamatan view only, with deltas
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.httpPort()
        + "/api/v1/stream?deltas=true&views=kecamatan" + narrowing));
    if (encoding != null) {
      request.header("Accept-Encoding", encoding);
    }
    HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(encoding, response.headers().firstValue("Content-Encoding").orElse(null));
    try (Screen screen = new Screen(encoding == null ? response.body() : new GZIPInputStream(response.body()))) {
      // it is sent the view whole first, with its ETag
      Poll.until(() -> screen.drain() && screen.held != null, true);
      assertEquals(1, screen.wholes);
      long deltasBefore = deltasComputed();
      // when a gateway of one kecamatan commits a value
      int value = 500 + (int) SEQ.get();
      assertEquals(1, dashboard.telemetry("bandung", "regol",
          Batches.pm25(GW, 1, SEQ.incrementAndGet(), "aq-regol-01", 1, value)).storedBatches());
      // then deltas arrive, each from the version the screen holds, and applied give the view as polled
      Poll.until(() -> screen.drain() && screen.held != null && pm25(screen.held, "regol") == value
          && screen.etag.equals(etag(narrowing)), true);
      HttpResponse<String> polled = Http.send(dashboard.httpPort(), "GET", "/api/v1/kecamatan?" + narrowing, null,
          null);
      assertEquals(screen.etag, polled.headers().firstValue("ETag").orElseThrow());
      assertEquals(new JsonObject(polled.body()), screen.held);
      assertTrue(screen.deltas > 0, "the change came as a delta");
      // and views= kept the other views (which changed too) off this stream
      assertEquals(Set.of("kecamatan", "kecamatan.delta"), screen.names);
      assertTrue(deltasComputed() > deltasBefore);
    }
  }

  private static int pm25(JsonObject view, String kecamatan) {
    for (Object k : view.getJsonArray("kecamatan")) {
      JsonObject entry = (JsonObject) k;
      if (entry.getString("slug").equals(kecamatan)) {
        JsonObject latest = entry.getJsonObject("metrics").getJsonObject("pm25", new JsonObject())
            .getJsonObject("latest");
        return latest == null ? -1 : latest.getDouble("value").intValue();
      }
    }
    return -1;
  }

  private static String etag(String narrowing) throws Exception {
    return Http.send(dashboard.httpPort(), "GET", "/api/v1/kecamatan?" + narrowing, null, null).headers().firstValue("ETag")
        .orElseThrow();
  }

  private static long deltasComputed() throws Exception {
    return new JsonObject(Http.send(dashboard.httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getJsonObject("streams").getLong("deltasComputed");
  }

  /** A screen: reads the stream on its own thread, and applies what it was sent when asked. */
  private static final class Screen implements AutoCloseable {
    private final InputStream in;
    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final Set<String> names = new HashSet<>();
    private JsonObject held;
    private String etag;
    private int wholes;
    private int deltas;

    Screen(InputStream in) {
      this.in = in;
      Thread reader = new Thread(this::read, "sse-screen");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try {
        String name = null;
        for (String line = line(); line != null; line = line()) {
          if (line.startsWith("event: ")) {
            name = line.substring("event: ".length());
          } else if (line.startsWith("data: ") && name != null) {
            events.add(new String[] {name, line.substring("data: ".length())});
            name = null;
          }
        }
      } catch (IOException closed) {
        // the test is done with the stream
      }
    }

    /** Applies the events received so far; true (for use in a poll). */
    boolean drain() {
      for (String[] e = events.poll(); e != null; e = events.poll()) {
        names.add(e[0]);
        JsonObject data = new JsonObject(e[1]);
        if (e[0].endsWith(".delta")) {
          assertEquals(etag, data.getString("base"), "a delta from the version this screen holds");
          held = JsonDelta.apply(held, data.getJsonObject("patch"));
          deltas++;
        } else {
          held = data.getJsonObject("view");
          wholes++;
        }
        etag = data.getString("etag");
      }
      return true;
    }

    /** One line, a byte at a time (a decoder would wait for more than has been sent). */
    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return null;
        }
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
