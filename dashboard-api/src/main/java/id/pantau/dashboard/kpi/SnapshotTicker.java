package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every view of every city once per tick on a worker and keeps the latest in memory.
 * Requests read the kept snapshots, so the database cost is a fixed number of queries per tick
 * whatever the number of polling screens. A tick that fails (database away) keeps the last
 * good snapshots. When any view of a city changes, the city's version goes up and the names
 * of the changed views are published on the local event bus (for SSE).
 */
public final class SnapshotTicker {
  private static final Logger log = LoggerFactory.getLogger(SnapshotTicker.class);

  private final Vertx vertx;
  private final CityDirectory cities;
  private final List<SnapshotView> views;
  private final Duration interval;
  private final Map<String, Snapshot> latest = new ConcurrentHashMap<>();
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final AtomicLong computations = new AtomicLong();
  private volatile boolean failing;
  private volatile long lastComputedAtMillis;
  private long timer = -1;
  private Future<Void> lastTick = Future.succeededFuture();

  public SnapshotTicker(Vertx vertx, CityDirectory cities, List<SnapshotView> views, Duration interval) {
    this.vertx = vertx;
    this.cities = cities;
    this.views = List.copyOf(views);
    this.interval = interval;
  }

  /** Computes the first snapshots, then keeps ticking. */
  public Future<Void> start() {
    return tick().onComplete(v -> timer = vertx.setPeriodic(interval.toMillis(), id -> tick()));
  }

  /**
   * Stops ticking; completes once the tick in flight (on a worker) is done, so that the server's
   * event loops are still there to take its result when it stops.
   */
  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return lastTick;
  }

  public List<String> viewNames() {
    return views.stream().map(SnapshotView::name).toList();
  }

  public Optional<Snapshot> get(String city, String view) {
    return Optional.ofNullable(latest.get(city + "/" + view));
  }

  /** The number of distinct states of the city so far; the SSE event id. */
  public long version(String city) {
    return versions.getOrDefault(city, 0L);
  }

  /** Local event-bus address on which the names of a city's changed views are published. */
  public static String changeAddress(String city) {
    return "pantau.snapshot.changed." + city;
  }

  /** When the newest snapshots were computed (0: never yet). */
  public long lastComputedAtMillis() {
    return lastComputedAtMillis;
  }

  /** Ticks so far in which snapshots were computed: grows with time, not with requests. */
  public long computations() {
    return computations.get();
  }

  private Future<Void> tick() {
    lastTick = compute();
    return lastTick;
  }

  private Future<Void> compute() {
    return vertx.executeBlocking(() -> {
      for (City city : cities.cities()) {
        computeCity(city);
      }
      computations.incrementAndGet();
      lastComputedAtMillis = System.currentTimeMillis();
      return null;
    }, false).<Void>mapEmpty().onSuccess(v -> {
      if (failing) {
        failing = false;
        log.info("snapshots are being computed again");
      }
    }).recover(e -> {
      if (!failing) {
        failing = true;
        log.warn("snapshot tick failed, serving the last good snapshots: {}", e.toString());
      }
      return Future.succeededFuture();
    });
  }

  private void computeCity(City city) throws Exception {
    int cityId = cities.cityId(city.slug()).orElseThrow();
    JsonArray changed = new JsonArray();
    java.util.Map<String, JsonObject> computed = new java.util.HashMap<>();
    for (SnapshotView view : views) {
      JsonObject body = view.compute(city, cityId, computed);
      computed.put(view.name(), body);
      Snapshot fresh = Snapshot.of(body.encode(), Instant.now());
      Snapshot previous = latest.put(city.slug() + "/" + view.name(), fresh);
      if (previous == null || !previous.etag().equals(fresh.etag())) {
        changed.add(view.name());
      }
    }
    if (!changed.isEmpty()) {
      versions.merge(city.slug(), 1L, Long::sum);
      vertx.eventBus().publish(changeAddress(city.slug()), changed);
    }
  }
}
