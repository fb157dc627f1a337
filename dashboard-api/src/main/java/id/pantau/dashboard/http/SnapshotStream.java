package id.pantau.dashboard.http;

import id.pantau.dashboard.kpi.SnapshotTicker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Server-Sent Events for screens that prefer push: each time a city's snapshot changes, its
 * new version is sent whole as an event whose id is the version number. A screen that
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
      send(response, city);
    }
    var consumer = vertx.eventBus().<Long>localConsumer(SnapshotTicker.changeAddress(city), msg -> send(response, city));
    long keepalive = vertx.setPeriodic(KEEPALIVE_MS, id -> response.write(": keepalive\n\n"));
    response.closeHandler(v -> {
      consumer.unregister();
      vertx.cancelTimer(keepalive);
    });
  }

  private void send(HttpServerResponse response, String city) {
    if (response.closed()) {
      return;
    }
    snapshots.kecamatan(city).ifPresent(snapshot -> response.write(
        "id: " + snapshots.version(city) + "\nevent: kecamatan\ndata: " + snapshot.body().toString() + "\n\n"));
  }
}
