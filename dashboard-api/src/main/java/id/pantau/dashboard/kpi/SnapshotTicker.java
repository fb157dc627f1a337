package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
 * Computes every city's snapshot once per tick on a worker and keeps the latest in memory.
 * Requests read the kept snapshot, so the database cost is a fixed number of queries per tick
 * whatever the number of polling screens. A tick that fails (database away) keeps the last
 * good snapshot; {@link #age} tells how stale it is.
 */
public final class SnapshotTicker {
  private static final Logger log = LoggerFactory.getLogger(SnapshotTicker.class);

  private final Vertx vertx;
  private final CityDirectory cities;
  private final KecamatanSnapshot kecamatan;
  private final Duration interval;
  private final Map<String, Snapshot> latest = new ConcurrentHashMap<>();
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final AtomicLong computations = new AtomicLong();
  private volatile boolean failing;
  private long timer = -1;

  public SnapshotTicker(Vertx vertx, CityDirectory cities, KecamatanSnapshot kecamatan, Duration interval) {
    this.vertx = vertx;
    this.cities = cities;
    this.kecamatan = kecamatan;
    this.interval = interval;
  }

  /** Computes the first snapshots, then keeps ticking. */
  public Future<Void> start() {
    return tick().onComplete(v -> timer = vertx.setPeriodic(interval.toMillis(), id -> tick()));
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  public Optional<Snapshot> kecamatan(String city) {
    return Optional.ofNullable(latest.get(city));
  }

  /** The number of distinct snapshots of the city so far; the SSE event id. */
  public long version(String city) {
    return versions.getOrDefault(city, 0L);
  }

  /** Local event-bus address on which the new version number is published when a city's data changes. */
  public static String changeAddress(String city) {
    return "pantau.snapshot.changed." + city;
  }

  /** Snapshot computations so far: grows with ticks, not with requests. */
  public long computations() {
    return computations.get();
  }

  private Future<Void> tick() {
    return vertx.executeBlocking(() -> {
      for (City city : cities.cities()) {
        Snapshot fresh = compute(city);
        Snapshot previous = latest.put(city.slug(), fresh);
        if (previous == null || !previous.etag().equals(fresh.etag())) {
          long version = versions.merge(city.slug(), 1L, Long::sum);
          vertx.eventBus().publish(changeAddress(city.slug()), version);
        }
      }
      return null;
    }, false).<Void>mapEmpty().onSuccess(v -> {
      if (failing) {
        failing = false;
        log.info("snapshots are being computed again");
      }
    }).recover(e -> {
      if (!failing) {
        failing = true;
        log.warn("snapshot tick failed, serving the last good snapshot: {}", e.toString());
      }
      return Future.succeededFuture();
    });
  }

  private Snapshot compute(City city) throws Exception {
    int cityId = cities.cityId(city.slug()).orElseThrow();
    List<KecamatanRef> refs = city.kecamatan().stream()
        .map(k -> cities.kecamatan(city.slug(), k.slug()).orElseThrow()).toList();
    JsonObject body = new JsonObject().put("city", city.slug()).put("kecamatan", kecamatan.load(cityId, refs));
    computations.incrementAndGet();
    return Snapshot.of(body.encode(), Instant.now());
  }
}
