package id.pantau.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * SSE screens, run in a JVM of their own ({@link SseScreens} starts it) so that their CPU is
 * theirs alone: N connections to the stream, every one read and its bytes counted; up to
 * {@value #PARSED} of them, spread evenly, also inflated as a browser would and parsed just
 * enough to see event ids and event ends ({@link SseParser}). Parsing every screen's stream would
 * make this client, not the server, the bottleneck on a 2-core machine (5,000 screens of whole
 * views: some 700 MB/s to inflate and scan). Bytes are the response bodies as received (after
 * HTTP chunk framing is removed, before inflating), of every screen; events per screen and lag
 * are the parsed screens'. Delivery lag: for each event id, the time from the first parsed screen
 * receiving it to each parsed screen receiving it, on this JVM's monotonic clock: how evenly and
 * how fast one change reaches every screen (it does not include the time from the tick to the
 * first screen).
 *
 * <p>Prints {@code connected <n> <failed>}, {@code measuring}, {@code measured}; then waits for a
 * line on standard input (the parent samples the server while every screen is still open),
 * prints {@code result <json>} and exits.
 *
 * <p>Arguments: port, URI (path and query), Accept-Encoding ({@code identity}: none sent),
 * connections, warm-up seconds, measured seconds.
 */
public final class SseClient {
  private static final int CONNECT_BATCH = 500;
  static final int PARSED = 500;
  private static final long OPEN_TIMEOUT_SECONDS = 60;

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();
  private final List<SseParser> screens = new ArrayList<>();
  private volatile boolean measuring;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String uri = args[1];
    boolean gzip = !args[2].equals("identity");
    int n = Integer.parseInt(args[3]);
    long warmupMs = Long.parseLong(args[4]) * 1000;
    long measureMs = Long.parseLong(args[5]) * 1000;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    SseClient client = new SseClient();
    // decompression off: the bytes counted are those on the wire; each screen inflates its own stream
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(0).setDecompressionSupported(false));
    long failed = 0;
    int every = (n + PARSED - 1) / PARSED;
    for (int from = 0; from < n; from += CONNECT_BATCH) { // in batches: the server's accept queue is not what is measured
      List<Future<Void>> opening = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + CONNECT_BATCH); i++) {
        SseParser screen = i % every == 0 ? new SseParser(gzip) : null;
        if (screen != null) {
          client.screens.add(screen);
        }
        Promise<Void> open = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> client.open(http, port, uri, gzip, screen).onComplete(open));
        opening.add(open.future().timeout(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      for (Future<Void> f : opening) {
        try {
          f.await();
        } catch (Exception e) {
          failed++;
        }
      }
    }
    System.out.println("connected " + (n - failed) + " " + failed);
    System.out.flush();
    Thread.sleep(warmupMs);
    System.out.println("measuring");
    System.out.flush();
    long cpuBefore = cpuNanos();
    long from = System.nanoTime();
    client.measuring = true;
    Thread.sleep(measureMs);
    client.measuring = false;
    long to = System.nanoTime();
    double cpuCores = (cpuNanos() - cpuBefore) / (double) (to - from);
    System.out.println("measured");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in)).readLine(); // the parent has sampled the server
    Histogram lag = client.lag(from, to);
    double seconds = (to - from) / 1e9;
    JsonObject result = new JsonObject().put("connections", n).put("failed", failed).put("closed", client.closed.get())
        .put("seconds", seconds).put("bytes", client.bytes.get()).put("events", client.events.get())
        .put("clientCpuCores", cpuCores).put("parsedScreens", client.screens.size()).put("lagSamples", lag.getTotalCount())
        .put("lagP50Ms", lag.getValueAtPercentile(50) / 1e6).put("lagP99Ms", lag.getValueAtPercentile(99) / 1e6)
        .put("lagP999Ms", lag.getValueAtPercentile(99.9) / 1e6).put("lagMaxMs", lag.getMaxValue() / 1e6);
    System.out.println("result " + result.encode());
    System.out.flush();
    System.exit(0); // not closing 5,000 connections one by one: the process's end closes them
  }

  private Future<Void> open(HttpClientAgent http, int port, String uri, boolean gzip, SseParser screen) {
    RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setURI(uri).putHeader("Accept", "text/event-stream");
    if (gzip) {
      get.putHeader("Accept-Encoding", "gzip");
    }
    return http.connect(new HttpConnectOptions().setHost("127.0.0.1").setPort(port))
        .compose(c -> c.request(get)).compose(r -> r.send()).compose(r -> {
          if (r.statusCode() != 200) {
            return Future.failedFuture("status " + r.statusCode());
          }
          r.handler(b -> received(screen, b));
          r.endHandler(v -> closed.incrementAndGet());
          r.exceptionHandler(e -> closed.incrementAndGet());
          return Future.succeededFuture();
        });
  }

  /** @param screen null: a screen whose bytes are counted, not parsed */
  private void received(SseParser screen, Buffer b) {
    if (screen == null) {
      if (measuring) {
        bytes.addAndGet(b.length());
      }
      return;
    }
    int eventsBefore = screen.events();
    screen.accept(b.getBytes(), System.nanoTime());
    if (measuring) {
      bytes.addAndGet(b.length());
      events.addAndGet(screen.events() - eventsBefore);
    }
  }

  /** Each screen's arrival of each id, less the first arrival of that id anywhere; ids first seen in the window. */
  private Histogram lag(long from, long to) {
    Map<Long, Long> first = new HashMap<>();
    for (SseParser s : screens) {
      s.arrivals((id, at) -> first.merge(id, at, Math::min));
    }
    Histogram h = new Histogram(60_000_000_000L, 3);
    for (SseParser s : screens) {
      s.arrivals((id, at) -> {
        long f = first.get(id);
        if (f >= from && f < to) {
          h.recordValue(at - f);
        }
      });
    }
    return h;
  }

  private static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
