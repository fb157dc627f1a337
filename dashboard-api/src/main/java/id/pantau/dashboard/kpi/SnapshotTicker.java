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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Computes every view of every city once per tick on a worker and keeps the latest in memory:
 * the typed KPIs (for the alert engine) and their JSON snapshots (for the screens). Requests read
 * the kept snapshots, so the database cost is a fixed number of queries per tick whatever the
 * number of polling screens. Each city and each view is computed on its own: one that fails
 * (database away, a bad row) keeps its last good snapshot, shows in {@link Failures}, and stops
 * no other. When any view of a city changes, the city's version goes up and the names of the
 * changed views are published on the local event bus (for SSE).
 */
public final class SnapshotTicker {
  private final Vertx vertx;
  private final CityDirectory cities;
  private final CityViews views;
  private final Duration interval;
  private final Failures failures;
  private final Map<String, Snapshot> latest = new ConcurrentHashMap<>();
  private final Map<String, CityKpis> kpis = new ConcurrentHashMap<>();
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final AtomicLong computations = new AtomicLong();
  private final AtomicBoolean ticking = new AtomicBoolean();
  private volatile long lastComputedAtMillis;
  private Future<Void> lastTick = Future.succeededFuture();
  private long timer = -1;

  public SnapshotTicker(Vertx vertx, CityDirectory cities, CityViews views, Duration interval, Failures failures) {
    this.vertx = vertx;
    this.cities = cities;
    this.views = views;
    this.interval = interval;
    this.failures = failures;
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
    return lastTick.recover(e -> Future.succeededFuture());
  }

  /** When the newest snapshot was computed (0: never yet): health tells its age. */
  public long lastComputedAtMillis() {
    return lastComputedAtMillis;
  }

  public List<String> viewNames() {
    return views.names();
  }

  public Optional<Snapshot> get(String city, String view) {
    return Optional.ofNullable(latest.get(city + "/" + view));
  }

  /** The city's latest typed KPIs, empty before its first tick. */
  public Optional<CityKpis> kpis(String city) {
    return Optional.ofNullable(kpis.get(city));
  }

  /** The number of distinct states of the city so far; the SSE event id. */
  public long version(String city) {
    return versions.getOrDefault(city, 0L);
  }

  /** Local event-bus address on which the names of a city's changed views are published. */
  public static String changeAddress(String city) {
    return "pantau.snapshot.changed." + city;
  }

  /** Ticks so far in which snapshots were computed: grows with time, not with requests. */
  public long computations() {
    return computations.get();
  }

  /** A tick still running when the next is due is not doubled: the next one is skipped. */
  private Future<Void> tick() {
    if (!ticking.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    lastTick = vertx.executeBlocking(() -> {
      boolean computed = false;
      for (City city : cities.cities()) {
        computed |= computeCity(city);
      }
      if (computed) {
        computations.incrementAndGet();
        lastComputedAtMillis = System.currentTimeMillis();
      }
      return null;
    }, false).<Void>mapEmpty().onComplete(v -> ticking.set(false));
    return lastTick;
  }

  /** @return whether any view of the city was computed */
  boolean computeCity(City city) {
    CityRun run = new CityRun(city.slug());
    try {
      int cityId = cities.cityId(city.slug())
          .orElseThrow(() -> new IllegalStateException("city " + city.slug() + " has no database id yet"));
      kpis.put(city.slug(), views.compute(city, cityId, kpis.getOrDefault(city.slug(), CityKpis.none(city.slug())), run));
      failures.succeeded(city.slug(), "city");
    } catch (RuntimeException e) {
      failures.failed(city.slug(), "city", e);
    }
    if (!run.changed.isEmpty()) {
      versions.merge(city.slug(), 1L, Long::sum);
      vertx.eventBus().publish(changeAddress(city.slug()), run.changed);
    }
    return run.computed;
  }

  private final class CityRun implements ViewRun {
    private final String city;
    private final JsonArray changed = new JsonArray();
    private boolean computed;

    CityRun(String city) {
      this.city = city;
    }

    @Override
    public <T> T view(String name, Callable<T> compute, Function<T, JsonObject> json, T previous) {
      String part = "view:" + name;
      try {
        T records = compute.call();
        String key = city + "/" + name;
        Snapshot fresh = Snapshot.of(json.apply(records).encode(), Instant.now()).keepingEncodingsOf(latest.get(key));
        Snapshot before = latest.put(key, fresh);
        if (before == null || !before.etag().equals(fresh.etag())) {
          changed.add(name);
          fresh.gzip(); // here on the worker, once, rather than on an event loop for the first screen that asks
        }
        computed = true;
        failures.succeeded(city, part);
        return records;
      } catch (Exception e) {
        failures.failed(city, part, e);
        return previous;
      }
    }
  }
}
