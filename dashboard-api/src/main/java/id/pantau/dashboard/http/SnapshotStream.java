package id.pantau.dashboard.http;

import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.kpi.SnapshotTicker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Server-Sent Events for screens that prefer push: each time views of a city's snapshot
 * change, each changed view is sent whole as an event named after it, whose id is the city's
 * new version number. A screen that reconnects with
 * {@code Last-Event-ID} equal to the current version gets nothing until the next change; any
 * other id (or none) gets the current snapshot at once.
 *
 * <p>Bounded: connections are capped on the node and per address (429 and 503 with
 * {@code Retry-After}), each connection queues at most one event per view
 * ({@link StreamConnection}), and each view's event is encoded once per change into a buffer
 * outside the heap that every connection's socket shares, so a thousand screens cost one copy.
 * A screen narrowed to one kecamatan gets that kecamatan's views ({@link KecamatanSnapshots}),
 * encoded once per change for all the screens of that kecamatan.
 * A screen that asks for gzip gets the same events deflated, each deflated once for all such
 * screens too ({@link DeflatedSegment}).
 * (A screen that wants only some views, or only what changed inside a view, is the next step:
 * both fit here, as another key for the encoded events and another set of pending names.)
 * Runs on the API verticle's event loop.
 */
final class SnapshotStream implements StreamConnection.Events {
  private static final long KEEPALIVE_MS = 15_000;
  private static final long RETRY_AFTER_SECONDS = 10;
  /**
   * Bytes a connection may have waiting in the server beyond what the kernel's socket buffer
   * holds; past it, new events wait as pending view names (one event may overshoot it).
   */
  private static final int WRITE_QUEUE_BYTES = 16 * 1024;

  private static final byte[] NEWLINE = {'\n'};
  private static final ByteBuf EVENT_END = direct(NEWLINE);
  private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEEPALIVE_LINE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final ByteBuf KEEPALIVE = direct(KEEPALIVE_LINE);
  private static final ByteBuf GZIP_START = direct(DeflatedSegment.GZIP_HEADER, DeflatedSegment.of(RETRY));
  private static final ByteBuf GZIP_KEEPALIVE = direct(DeflatedSegment.of(KEEPALIVE_LINE));

  private record Encoded(String etag, ByteBuf event) {
  }

  private record IdLine(long version, ByteBuf bytes) {
  }

  /** A view's event with the city's version as id, deflated once for every gzip connection. */
  private record Deflated(String etag, long version, ByteBuf piece) {
  }

  private final Vertx vertx;
  private final SnapshotTicker snapshots;
  private final KecamatanSnapshots kecamatanSnapshots;
  private final HttpConfig.StreamLimits limits;
  private final Map<String, Set<StreamConnection>> byCity = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private final Map<String, Encoded> encoded = new HashMap<>();
  private final Map<String, IdLine> idLines = new HashMap<>();
  private final Map<String, Deflated> deflated = new HashMap<>();
  private long deflations;
  private final Set<String> subscribedCities = new HashSet<>();
  private int open;
  private long refused;
  private long supersededByClosed;
  private long keepaliveTimer = -1;

  SnapshotStream(Vertx vertx, SnapshotTicker snapshots, KecamatanSnapshots kecamatanSnapshots,
                 HttpConfig.StreamLimits limits) {
    this.vertx = vertx;
    this.snapshots = snapshots;
    this.kecamatanSnapshots = kecamatanSnapshots;
    this.limits = limits;
  }

  void start() {
    keepaliveTimer = vertx.setPeriodic(KEEPALIVE_MS, id -> byCity.values().forEach(set ->
        set.forEach(StreamConnection::keepalive)));
  }

  void stop() {
    vertx.cancelTimer(keepaliveTimer);
  }

  /** @param kecamatan the one kecamatan the screen is sent (null: the whole city) */
  void open(RoutingContext ctx, String city, String kecamatan) {
    String address = RequestBudget.clientKey(ctx.request().remoteAddress());
    admit(address);
    subscribe(city);
    boolean gzip = AcceptEncoding.gzip(ctx.request().getHeader("Accept-Encoding"));
    HttpServerResponse response = ctx.response().setChunked(true).setWriteQueueMaxSize(WRITE_QUEUE_BYTES)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no").putHeader("Vary", "Accept-Encoding");
    if (gzip) {
      response.putHeader("Content-Encoding", "gzip").write(BufferInternal.buffer(GZIP_START.duplicate()));
    } else {
      response.write(Buffer.buffer(RETRY));
    }
    StreamConnection connection = new StreamConnection(response, city, kecamatan, address, gzip, this);
    byCity.computeIfAbsent(city, c -> new LinkedHashSet<>()).add(connection);
    perAddress.merge(address, 1, Integer::sum);
    open++;
    response.closeHandler(v -> forget(connection));
    String lastSeen = ctx.request().getHeader("Last-Event-ID");
    if (!String.valueOf(snapshots.version(city)).equals(lastSeen)) {
      connection.changed(snapshots.viewNames());
    }
  }

  /** Refuses a connection over the per-address cap (429) or the node's cap (503). */
  private void admit(String address) {
    if (perAddress.getOrDefault(address, 0) >= limits.maxPerAddress()) {
      refused++;
      throw new ApiException.TooManyRequests(address + " already has " + limits.maxPerAddress()
          + " live streams open, the most one address may (http.stream.maxConnectionsPerAddress); close one, or poll "
          + "the views instead", RETRY_AFTER_SECONDS, false);
    }
    if (open >= limits.maxConnections()) {
      refused++;
      throw new ApiException.TooManyRequests("this node serves " + limits.maxConnections()
          + " live streams already, its limit (http.stream.maxConnections); poll the views, or try another node",
          RETRY_AFTER_SECONDS, true);
    }
  }

  private void subscribe(String city) {
    if (subscribedCities.add(city)) {
      vertx.eventBus().<JsonArray>localConsumer(SnapshotTicker.changeAddress(city), msg -> {
        var views = msg.body().stream().map(String::valueOf).toList();
        byCity.getOrDefault(city, Set.of()).forEach(c -> c.changed(views));
      });
    }
  }

  private void forget(StreamConnection connection) {
    Set<StreamConnection> set = byCity.get(connection.city());
    if (set != null && set.remove(connection)) {
      open--;
      supersededByClosed += connection.superseded();
      perAddress.computeIfPresent(connection.address(), (a, n) -> n == 1 ? null : n - 1);
    }
  }

  @Override
  public Buffer events(String city, String kecamatan, Collection<String> views, boolean gzip) {
    return gzip ? deflatedEvents(city, kecamatan, views) : events(city, kecamatan, views);
  }

  private Buffer events(String city, String kecamatan, Collection<String> views) {
    ByteBuf id = idLine(city);
    List<ByteBuf> parts = new ArrayList<>(views.size() * 3);
    for (String view : views) {
      ByteBuf event = event(city, kecamatan, view);
      if (event != null) {
        parts.add(id.duplicate());
        parts.add(event.duplicate());
        parts.add(EVENT_END.duplicate());
      }
    }
    // one write of shared buffers: nothing is copied per connection
    return parts.isEmpty() ? null
        : BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
  }

  /** {@code event:} and {@code data:} lines of the view's newest snapshot, encoded once per change. */
  private ByteBuf event(String city, String kecamatan, String view) {
    Snapshot snapshot = (kecamatan == null ? snapshots.get(city, view) : kecamatanSnapshots.get(city, kecamatan, view))
        .orElse(null);
    if (snapshot == null) {
      return null;
    }
    String key = kecamatan == null ? city + "/" + view : city + "/" + kecamatan + "/" + view;
    Encoded e = encoded.get(key);
    if (e == null || !e.etag().equals(snapshot.etag())) {
      e = new Encoded(snapshot.etag(), direct(("event: " + view + "\ndata: ").getBytes(StandardCharsets.UTF_8),
          snapshot.body().getBytes(), NEWLINE));
      encoded.put(key, e);
    }
    return e.event();
  }

  /** As {@link #events}, each view's event (with its id line) a deflated piece shared by every gzip connection. */
  private Buffer deflatedEvents(String city, String kecamatan, Collection<String> views) {
    long version = snapshots.version(city);
    List<ByteBuf> parts = new ArrayList<>(views.size());
    for (String view : views) {
      ByteBuf event = event(city, kecamatan, view);
      if (event == null) {
        continue;
      }
      String key = kecamatan == null ? city + "/" + view : city + "/" + kecamatan + "/" + view;
      String etag = encoded.get(key).etag();
      Deflated d = deflated.get(key);
      if (d == null || d.version() != version || !d.etag().equals(etag)) {
        d = new Deflated(etag, version, direct(DeflatedSegment.of(bytes(idLine(city)), bytes(event), NEWLINE)));
        deflated.put(key, d);
        deflations++;
      }
      parts.add(d.piece().duplicate());
    }
    return parts.isEmpty() ? null
        : BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
  }

  private static byte[] bytes(ByteBuf shared) {
    byte[] out = new byte[shared.readableBytes()];
    shared.getBytes(shared.readerIndex(), out);
    return out;
  }

  @Override
  public Buffer keepalive(boolean gzip) {
    return BufferInternal.buffer((gzip ? GZIP_KEEPALIVE : KEEPALIVE).duplicate());
  }

  /** {@code id: <version>}, shared by every connection of the city. */
  private ByteBuf idLine(String city) {
    long version = snapshots.version(city);
    IdLine line = idLines.get(city);
    if (line == null || line.version() != version) {
      line = new IdLine(version, direct(("id: " + version + "\n").getBytes(StandardCharsets.UTF_8)));
      idLines.put(city, line);
    }
    return line.bytes();
  }

  /**
   * Bytes in a direct buffer that no write releases: each connection's socket writes a view of
   * it, and the garbage collector frees it when the last one is done.
   */
  private static ByteBuf direct(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer bytes = ByteBuffer.allocateDirect(length);
    for (byte[] part : parts) {
      bytes.put(part);
    }
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes.flip()));
  }

  /** For the health endpoint: open streams, refusals, and events skipped for screens that fell behind. */
  JsonObject stats() {
    long superseded = supersededByClosed;
    int pending = 0;
    for (Set<StreamConnection> set : byCity.values()) {
      for (StreamConnection c : set) {
        superseded += c.superseded();
        pending += c.pending();
      }
    }
    return new JsonObject().put("open", open).put("refused", refused).put("supersededEvents", superseded)
        .put("pendingEvents", pending).put("gzipEvents", deflations);
  }
}
