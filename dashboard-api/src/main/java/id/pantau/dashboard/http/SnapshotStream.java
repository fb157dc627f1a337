package id.pantau.dashboard.http;

import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.SnapshotTicker;
import id.pantau.dashboard.view.KecamatanViews;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * ({@link StreamConnection}), and each event is encoded once per change for every screen
 * ({@link StreamEvents}). A screen narrowed to one kecamatan gets that kecamatan's views
 * ({@link KecamatanSnapshots}); one that asks with {@code views=} gets only those; one that asks
 * with {@code deltas=true} gets a changed view as a delta from the version it holds
 * ({@link ViewDeltas}). Runs on the API verticle's event loop.
 */
final class SnapshotStream {
  private static final long KEEPALIVE_MS = 15_000;
  private static final long RETRY_AFTER_SECONDS = 10;
  /**
   * Bytes a connection may have waiting in the server beyond what the kernel's socket buffer
   * holds; past it, new events wait as pending view names (one event may overshoot it).
   */
  private static final int WRITE_QUEUE_BYTES = 16 * 1024;

  private final Vertx vertx;
  private final SnapshotTicker snapshots;
  private final HttpConfig.StreamLimits limits;
  private final Map<String, Set<StreamConnection>> byCity = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private final StreamEvents events;
  private final Set<String> subscribedCities = new HashSet<>();
  private int open;
  private long refused;
  private long supersededByClosed;
  private long keepaliveTimer = -1;

  SnapshotStream(Vertx vertx, SnapshotTicker snapshots, KecamatanSnapshots kecamatanSnapshots,
                 HttpConfig.StreamLimits limits) {
    this.vertx = vertx;
    this.snapshots = snapshots;
    this.limits = limits;
    this.events = new StreamEvents(snapshots, kecamatanSnapshots);
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
    boolean gzip = AcceptEncoding.gzip(ctx.request().getHeader("Accept-Encoding"));
    StreamConnection.Screen screen = new StreamConnection.Screen(city, kecamatan, gzip, deltas(ctx),
        views(ctx, kecamatan));
    String address = RequestBudget.clientKey(ctx.request().remoteAddress());
    admit(address);
    subscribe(city);
    HttpServerResponse response = ctx.response().setChunked(true).setWriteQueueMaxSize(WRITE_QUEUE_BYTES)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no").putHeader("Vary", "Accept-Encoding");
    if (gzip) {
      response.putHeader("Content-Encoding", "gzip");
    }
    response.write(events.start(gzip));
    StreamConnection connection = new StreamConnection(response, screen, address, events);
    byCity.computeIfAbsent(city, c -> new LinkedHashSet<>()).add(connection);
    perAddress.merge(address, 1, Integer::sum);
    open++;
    response.closeHandler(v -> forget(connection));
    String lastSeen = ctx.request().getHeader("Last-Event-ID");
    if (!String.valueOf(snapshots.version(city)).equals(lastSeen)) {
      connection.changed(snapshots.viewNames());
    }
  }

  private static boolean deltas(RoutingContext ctx) {
    String deltas = ctx.request().getParam("deltas");
    if (deltas != null && !deltas.equals("true") && !deltas.equals("false")) {
      throw new ApiException.BadRequest("deltas", "deltas is true or false, not " + deltas);
    }
    return "true".equals(deltas);
  }

  /** The views the screen asked for (null: all of them); a city-wide one is refused to a kecamatan's screen. */
  private Set<String> views(RoutingContext ctx, String kecamatan) {
    String asked = ctx.request().getParam("views");
    if (asked == null) {
      return null;
    }
    Set<String> views = new LinkedHashSet<>(Arrays.asList(asked.split(",")));
    for (String view : views) {
      if (!snapshots.viewNames().contains(view)) {
        throw new ApiException.BadRequest("views", "no view is named '" + view + "'; these are: "
            + String.join(",", snapshots.viewNames()));
      }
      if (kecamatan != null && !KecamatanViews.narrows(view)) {
        throw new ApiException.Forbidden("the " + view + " view is city-wide; it has no part for kecamatan " + kecamatan);
      }
    }
    return Set.copyOf(views);
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

  /**
   * For the health endpoint: open streams, refusals, events skipped for screens that fell behind,
   * events deflated and deltas computed (both once per change, whatever the number of screens).
   */
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
        .put("pendingEvents", pending).put("gzipEvents", events.deflations()).put("deltasComputed", events.deltas());
  }
}
