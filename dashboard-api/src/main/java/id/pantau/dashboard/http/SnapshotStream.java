package id.pantau.dashboard.http;

import id.pantau.dashboard.kpi.SnapshotTicker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Server-Sent Events for screens that prefer push: each time views of a city's snapshot
 * change, each changed view is sent whole as an event named after it, whose id is the city's
 * new version number. A screen that
 * reconnects with {@code Last-Event-ID} equal to the current version gets nothing until the
 * next change; any other id (or none) gets the current snapshot at once.
 */
final class SnapshotStream {
  private static final long KEEPALIVE_MS = 15_000;

  private final Vertx vertx;
  private final SnapshotTicker snapshots;

  SnapshotStream(Vertx vertx, SnapshotTicker snapshots) {
    this.vertx = vertx;
    this.snapshots = snapshots;
  }

  void open(RoutingContext ctx, String city) {
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 2000\n\n");
    String lastSeen = ctx.request().getHeader("Last-Event-ID");
    if (!String.valueOf(snapshots.version(city)).equals(lastSeen)) {
      send(response, city, snapshots.viewNames());
    }
    var consumer = vertx.eventBus().<JsonArray>localConsumer(SnapshotTicker.changeAddress(city),
        msg -> send(response, city, msg.body().stream().map(String::valueOf).toList()));
    long keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> response.write(": keepalive\n\n"));
    response.closeHandler(v -> {
      consumer.unregister();
      vertx.cancelTimer(keepalive);
    });
  }

  /** One event per view, all with the city's current version as id. */
  private void send(HttpServerResponse response, String city, List<String> views) {
    if (response.closed()) {
      return;
    }
    long version = snapshots.version(city);
    for (String view : views) {
      snapshots.get(city, view).ifPresent(snapshot -> response.write(
          "id: " + version + "\nevent: " + view + "\ndata: " + snapshot.body().toString() + "\n\n"));
    }
  }
}
