package id.pantau.benchmarks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Open-loop pollers, run in a JVM of their own ({@link OpenLoopPollers} starts it) so that their
 * CPU is theirs alone: N connections, each one GET a second at its own offset in the second
 * (spread evenly), {@code If-None-Match} once it holds an ETag. Latency is measured from when a
 * request was due, not from when it was sent: a connection still waiting for an answer when its
 * next poll is due sends that one as soon as the answer comes, and the wait counts (the closed
 * loop of wrk would hide it). Prints {@code measuring} and {@code measured} around the measured
 * window, then one line, {@code result <json>}.
 *
 * <p>Arguments: port, path, Accept-Encoding ({@code identity}: none sent), connections,
 * warm-up seconds, measured seconds.
 */
public final class PollerClient {
  private final Vertx vertx;
  private final String path;
  private final String acceptEncoding;
  private final Histogram latency = new Histogram(60_000_000_000L, 3);
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean measuring;

  private PollerClient(Vertx vertx, String path, String acceptEncoding) {
    this.vertx = vertx;
    this.path = path;
    this.acceptEncoding = acceptEncoding;
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String path = args[1];
    String acceptEncoding = args[2].equals("identity") ? null : args[2];
    int n = Integer.parseInt(args[3]);
    long warmupMs = Long.parseLong(args[4]) * 1000;
    long measureMs = Long.parseLong(args[5]) * 1000;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    PollerClient client = new PollerClient(vertx, path, acceptEncoding);
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0));
    List<Future<Poller>> connecting = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // each poller on a context of its own: its timers and its connection's answers on one event loop
      Promise<Poller> connected = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> http.connect(new HttpConnectOptions().setHost("127.0.0.1")
          .setPort(port)).map(c -> client.new Poller(c)).compose(Poller::prime).onComplete(connected));
      connecting.add(connected.future());
    }
    Future.all(connecting).await();
    long start = System.nanoTime() + 500_000_000L;
    for (int i = 0; i < n; i++) {
      Poller p = connecting.get(i).result();
      long first = start + i * 1_000_000_000L / n;
      p.context.runOnContext(v -> p.startAt(first));
    }
    Thread.sleep((start - System.nanoTime()) / 1_000_000 + warmupMs);
    System.out.println("measuring");
    System.out.flush();
    long cpuBefore = cpuNanos();
    client.measuring = true;
    long measuredFrom = System.nanoTime();
    Thread.sleep(measureMs);
    client.measuring = false;
    System.out.println("measured");
    System.out.flush();
    double seconds = (System.nanoTime() - measuredFrom) / 1e9;
    double cpuCores = (cpuNanos() - cpuBefore) / 1e9 / seconds;
    Histogram h = client.latency;
    JsonObject result = new JsonObject().put("connections", n).put("seconds", seconds)
        .put("requests", h.getTotalCount()).put("ok", client.ok.get()).put("notModified", client.notModified.get())
        .put("failed", client.failed.get()).put("bytes", client.bytes.get()).put("clientCpuCores", cpuCores)
        .put("p50Ms", h.getValueAtPercentile(50) / 1e6).put("p99Ms", h.getValueAtPercentile(99) / 1e6)
        .put("p999Ms", h.getValueAtPercentile(99.9) / 1e6).put("maxMs", h.getMaxValue() / 1e6)
        .put("histogram", Base64.getEncoder().encodeToString(encode(h)));
    System.out.println("result " + result.encode());
    System.out.flush();
    vertx.close().await();
    System.exit(0);
  }

  private static byte[] encode(Histogram h) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    h.encodeIntoCompressedByteBuffer(b);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  private static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /**
   * One screen: one connection, one poll a second at its own offset; due polls wait for the
   * answer before. Runs on the context it was connected on.
   */
  private final class Poller {
    private final HttpClientConnection connection;
    private final Context context = Vertx.currentContext();
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    private boolean waiting;
    private String etag;

    Poller(HttpClientConnection connection) {
      this.connection = connection;
    }

    /** One poll before the schedule, unmeasured: the screen holds an ETag from then on, and the client's code is loaded. */
    Future<Poller> prime() {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
      if (acceptEncoding != null) {
        options.putHeader("Accept-Encoding", acceptEncoding);
      }
      return connection.request(options).compose(r -> r.send()).compose(r -> r.body().map(body -> {
        etag = r.getHeader("ETag");
        return this;
      }));
    }

    void startAt(long firstDueNanos) {
      vertx.setTimer(millisUntil(firstDueNanos), t -> tick(firstDueNanos));
    }

    /** Each poll schedules the next from its own due time, so late timers do not drift the schedule. */
    private void tick(long dueNanos) {
      long next = dueNanos + 1_000_000_000L;
      vertx.setTimer(millisUntil(next), t -> tick(next));
      due.add(dueNanos);
      if (!waiting) {
        send();
      }
    }

    private void send() {
      long dueNanos = due.poll();
      waiting = true;
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
      if (acceptEncoding != null) {
        options.putHeader("Accept-Encoding", acceptEncoding);
      }
      if (etag != null) {
        options.putHeader("If-None-Match", etag);
      }
      connection.request(options).compose(r -> r.send()).compose(r -> r.body().map(body -> {
        answered(dueNanos, r, body.length());
        return null;
      })).onFailure(e -> {
        failed.incrementAndGet();
        next();
      });
    }

    private void answered(long dueNanos, HttpClientResponse r, int bodyBytes) {
      if (measuring) {
        latency.recordValue(Math.max(0, System.nanoTime() - dueNanos));
        bytes.addAndGet(wireBytes(r) + bodyBytes);
        (r.statusCode() == 304 ? notModified : r.statusCode() == 200 ? ok : failed).incrementAndGet();
      }
      String tag = r.getHeader("ETag");
      if (tag != null) {
        etag = tag;
      }
      next();
    }

    private void next() {
      waiting = false;
      if (!due.isEmpty()) {
        send();
      }
    }
  }

  /** Rounded up: a timer never fires before it is due, so no poll is sent (and timed) early. */
  private static long millisUntil(long dueNanos) {
    return Math.max(1, (dueNanos - System.nanoTime() + 999_999) / 1_000_000);
  }

  /** The status line and headers as sent: {@code HTTP/1.1 200 OK\r\n}, {@code name: value\r\n} each, {@code \r\n}. */
  private static long wireBytes(HttpClientResponse r) {
    long n = 13 + r.statusMessage().length() + 2;
    for (var h : r.headers()) {
      n += h.getKey().length() + 2 + h.getValue().length() + 2;
    }
    return n;
  }
}
