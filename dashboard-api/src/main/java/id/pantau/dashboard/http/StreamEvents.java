package id.pantau.dashboard.http;

import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.kpi.SnapshotTicker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stream's events, each encoded once per change into a buffer outside the heap that every
 * connection's socket shares, so a thousand screens cost one copy: a view whole (as it always
 * was, or with its ETag for screens that take deltas) or its delta from the version a screen
 * holds ({@link ViewDeltas}); for gzip screens, each event with its id line deflated once too
 * ({@link DeflatedSegment}). Runs on the API verticle's event loop.
 */
final class StreamEvents implements StreamConnection.Events {
  private static final byte[] NEWLINE = {'\n'};
  private static final ByteBuf EVENT_END = direct(NEWLINE);
  private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEEPALIVE_LINE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final ByteBuf START = direct(RETRY);
  private static final ByteBuf KEEPALIVE = direct(KEEPALIVE_LINE);
  private static final ByteBuf GZIP_START = direct(DeflatedSegment.GZIP_HEADER, DeflatedSegment.of(RETRY));
  private static final ByteBuf GZIP_KEEPALIVE = direct(DeflatedSegment.of(KEEPALIVE_LINE));

  /** An event's {@code event:} and {@code data:} lines; tag says which version(s) it carries. */
  private record Encoded(String key, String tag, ByteBuf event) {
  }

  private record IdLine(long version, ByteBuf bytes) {
  }

  /** An event with the city's version as id, deflated once for every gzip connection. */
  private record Deflated(String tag, long version, ByteBuf piece) {
  }

  private final SnapshotTicker snapshots;
  private final KecamatanSnapshots kecamatanSnapshots;
  private final ViewDeltas deltas = new ViewDeltas();
  private final Map<String, Encoded> encoded = new HashMap<>();
  private final Map<String, IdLine> idLines = new HashMap<>();
  private final Map<String, Deflated> deflated = new HashMap<>();
  private long deflations;

  StreamEvents(SnapshotTicker snapshots, KecamatanSnapshots kecamatanSnapshots) {
    this.snapshots = snapshots;
    this.kecamatanSnapshots = kecamatanSnapshots;
  }

  /** What a connection is sent first: the reconnection delay (after the gzip header, deflated, for gzip). */
  Buffer start(boolean gzip) {
    return BufferInternal.buffer((gzip ? GZIP_START : START).duplicate());
  }

  @Override
  public Buffer keepalive(boolean gzip) {
    return BufferInternal.buffer((gzip ? GZIP_KEEPALIVE : KEEPALIVE).duplicate());
  }

  @Override
  public Buffer events(StreamConnection.Screen screen, Collection<String> views, Map<String, String> held) {
    List<ByteBuf> parts = new ArrayList<>(views.size() * 3);
    for (String view : views) {
      Encoded event = event(screen, view, held);
      if (event == null) {
        continue;
      }
      if (screen.gzip()) {
        parts.add(deflated(screen.city(), event).duplicate());
      } else {
        parts.add(idLine(screen.city()).duplicate());
        parts.add(event.event().duplicate());
        parts.add(EVENT_END.duplicate());
      }
    }
    // one write of shared buffers: nothing is copied per connection
    return parts.isEmpty() ? null
        : BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
  }

  /** The view's newest event for the screen (noting in {@code held} what it is sent); null if it has no data. */
  private Encoded event(StreamConnection.Screen screen, String view, Map<String, String> held) {
    String kecamatan = screen.kecamatan();
    Snapshot snapshot = (kecamatan == null ? snapshots.get(screen.city(), view)
        : kecamatanSnapshots.get(screen.city(), kecamatan, view)).orElse(null);
    if (snapshot == null) {
      return null;
    }
    String key = kecamatan == null ? screen.city() + "/" + view : screen.city() + "/" + kecamatan + "/" + view;
    String etag = snapshot.etag();
    if (!screen.deltas()) {
      return encoded("whole/" + key, etag, () -> lines(view, snapshot.body().getBytes()));
    }
    String base = held.put(view, etag);
    if (etag.equals(base)) {
      return null; // it has this version already
    }
    byte[] delta = base == null ? null : deltas.delta(key, base, snapshot);
    if (delta != null) {
      return encoded("delta/" + key, base + " " + etag, () -> lines(view + ".delta", delta));
    }
    deltas.sent(key, snapshot);
    // {"etag": .., "view": ..}: the view's bytes as they are, not parsed and encoded again
    byte[] head = ("{\"etag\":" + Json.encode(etag) + ",\"view\":").getBytes(StandardCharsets.UTF_8);
    return encoded("tagged/" + key, etag, () -> lines(view, head, snapshot.body().getBytes(), new byte[] {'}'}));
  }

  private Encoded encoded(String key, String tag, Supplier<ByteBuf> encode) {
    Encoded e = encoded.get(key);
    if (e == null || !e.tag().equals(tag)) {
      e = new Encoded(key, tag, encode.get());
      encoded.put(key, e);
    }
    return e;
  }

  private static ByteBuf lines(String name, byte[]... data) {
    byte[][] parts = new byte[data.length + 2][];
    parts[0] = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(data, 0, parts, 1, data.length);
    parts[parts.length - 1] = NEWLINE;
    return direct(parts);
  }

  /** The event with its id line, deflated once per version for every gzip connection. */
  private ByteBuf deflated(String city, Encoded event) {
    long version = snapshots.version(city);
    Deflated d = deflated.get(event.key());
    if (d == null || d.version() != version || !d.tag().equals(event.tag())) {
      d = new Deflated(event.tag(), version, direct(DeflatedSegment.of(bytes(idLine(city)), bytes(event.event()),
          NEWLINE)));
      deflated.put(event.key(), d);
      deflations++;
    }
    return d.piece();
  }

  private static byte[] bytes(ByteBuf shared) {
    byte[] out = new byte[shared.readableBytes()];
    shared.getBytes(shared.readerIndex(), out);
    return out;
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

  /** Events deflated for gzip screens so far. */
  long deflations() {
    return deflations;
  }

  /** Deltas computed so far: grows with the views' changes, not with the screens. */
  long deltas() {
    return deltas.computed();
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
}
