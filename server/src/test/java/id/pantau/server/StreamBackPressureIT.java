package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.dashboard.testing.RawHttp;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thousand screens that open {@code /api/v1/stream} and never read, from ten loopback
 * addresses (a hundred each, the default per-address cap), while a gateway publishes and the
 * snapshot changes every tick. The server's memory stays bounded (measured in this JVM, where
 * the server runs: heap used after a full collection, and direct buffers), a screen that reads
 * keeps getting every new version, polling is answered, and every batch the gateway sends is
 * acknowledged. A non-reading screen that starts reading catches up to the newest version.
 */
class StreamBackPressureIT {
  private static final Logger log = LoggerFactory.getLogger(StreamBackPressureIT.class);
  private static final String GW = "bandung.coblong.t1";
  private static final int SCREENS = 1_000;
  private static final int ADDRESSES = 10;
  /** Versions the reading screen must see while the thousand sit there: 60 ticks of 200 ms. */
  private static final int TICKS = 60;
  private static final long MIB = 1024 * 1024;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    // the defaults, budget included (a hundred connects per address fit in its burst), but for a
    // fixed 16 KiB kernel send buffer: on loopback the kernel would otherwise take megabytes per
    // silent socket before the server's own queue is reached (live snapshots, 30 times this
    // test's, get there within seconds without it)
    server = TestServer.start(Map.of("http.requestBudget.perSecond", 100, "http.sendBufferBytes", 16384));
    server.truncate();
    server.gateway(GW, "bandung", "coblong", "secret-1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aThousandScreensThatNeverReadCostBoundedMemoryWhileOthersAreServed() throws Exception {
    List<Socket> silent = new ArrayList<>();
    try (Publisher gateway = new Publisher(); ReadingScreen screen = new ReadingScreen(server.httpPort())) {
      // given a gateway changing the snapshot every tick, and a screen that reads
      Poll.until(() -> screen.version() > 3, true);
      Memory before = Memory.afterFullCollection();
      // when a thousand screens connect and never read
      for (int i = 0; i < SCREENS; i++) {
        Socket s = RawHttp.open("127.0.0." + (2 + i % ADDRESSES), server.httpPort(), 4096);
        silent.add(s);
        RawHttp.request(s, "/api/v1/stream");
      }
      Poll.until(() -> streams().getInteger("open"), SCREENS + 1);
      long from = screen.version();
      long polls = 0;
      long slowestPollMs = 0;
      while (screen.version() < from + TICKS) {
        // a poller asks once per new version, as a screen polling each tick would
        long seen = screen.version();
        Poll.until(() -> screen.version() > seen, true);
        long start = System.nanoTime();
        assertEquals(200, Http.send(server.httpPort(), "GET", "/api/v1/kecamatan", null, null).statusCode());
        slowestPollMs = Math.max(slowestPollMs, (System.nanoTime() - start) / 1_000_000);
        polls++;
      }
      Memory after = Memory.afterFullCollection();
      JsonObject streams = streams();
      log.info("stream back-pressure screens={} ticks={} polls={} slowestPollMs={} batchesAcked={} heapMiB {} -> {} "
          + "directMiB {} -> {} streams={}", SCREENS, TICKS, polls, slowestPollMs, gateway.acked(), before.heap() / MIB,
          after.heap() / MIB,
          before.direct() / MIB, after.direct() / MIB, streams.encode());
      // then memory stayed bounded, the silent screens skipped events instead of queueing them,
      assertTrue(after.heap() - before.heap() < 96 * MIB, "heap grew " + (after.heap() - before.heap()) / MIB + " MiB");
      assertTrue(after.direct() - before.direct() < 32 * MIB,
          "direct buffers grew " + (after.direct() - before.direct()) / MIB + " MiB");
      assertTrue(streams.getLong("supersededEvents") > 0, streams.encode());
      // and the gateway was acknowledged throughout
      assertEquals(null, gateway.failure(), "every batch acknowledged");
      assertTrue(gateway.acked() > TICKS / 2, "batches acknowledged: " + gateway.acked());
      // a silent screen that starts reading catches up to the newest version
      long newest = screen.version();
      assertTrue(readUntilVersion(silent.get(0), newest), "a late reader reaches version " + newest);
    } finally {
      for (Socket s : silent) {
        s.close();
      }
    }
  }

  /** Reads a stream until an event id at or past {@code version}; false when the stream ends first. */
  private static boolean readUntilVersion(Socket s, long version) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("id: ") && Long.parseLong(line.substring(4).strip()) >= version) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject streams() throws Exception {
    return new JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getJsonObject("streams");
  }

  /** Heap used after a full collection, and direct buffers in use (the JDK's, and Netty's own pool). */
  private record Memory(long heap, long direct) {
    static Memory afterFullCollection() {
      System.gc();
      System.gc();
      long heap = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
          heap += pool.getCollectionUsage().getUsed();
        }
      }
      long direct = Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
      for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
        if (pool.getName().equals("direct")) {
          direct += pool.getMemoryUsed();
        }
      }
      return new Memory(heap, direct);
    }
  }

  /** A gateway sending a batch with a new value every 100 ms, each awaited for its PUBACK. */
  private static final class Publisher implements AutoCloseable {
    private final Mqtt5Gateway gateway;
    private final Thread thread;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean running = true;

    Publisher() throws Exception {
      gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1");
      thread = new Thread(this::run, "publisher");
      thread.start();
    }

    private void run() {
      for (long seq = 1; running; seq++) {
        try {
          int reason = gateway.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
              Payloads.telemetry(GW, 1, seq, "aq-coblong-01", 3, (int) (10 + seq % 90)));
          if (reason != 0) {
            failure.compareAndSet(null, "batch " + seq + " answered " + reason);
          }
          acked.incrementAndGet();
          Thread.sleep(100);
        } catch (Exception | AssertionError e) {
          failure.compareAndSet(null, "batch " + seq + ": " + e);
        }
      }
    }

    long acked() {
      return acked.get();
    }

    String failure() {
      return failure.get();
    }

    @Override
    public void close() throws Exception {
      running = false;
      thread.join(15_000);
      gateway.close();
    }
  }

  /** A screen reading the stream on its own thread, keeping the newest event id. */
  private static final class ReadingScreen implements AutoCloseable {
    private final Socket socket;
    private final Thread thread;
    private final AtomicLong version = new AtomicLong();

    ReadingScreen(int port) throws Exception {
      socket = RawHttp.open("127.0.0.1", port, 64 * 1024);
      socket.setSoTimeout(0);
      RawHttp.request(socket, "/api/v1/stream");
      thread = new Thread(this::run, "reading-screen");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      try {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("id: ")) {
            version.set(Long.parseLong(line.substring(4).strip()));
          }
        }
      } catch (Exception closed) {
        // the test is over
      }
    }

    long version() {
      return version.get();
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
