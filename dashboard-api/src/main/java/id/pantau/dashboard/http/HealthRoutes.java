package id.pantau.dashboard.http;

import id.pantau.dashboard.kpi.SnapshotTicker;
import id.pantau.store.DatabaseHealth;
import id.pantau.store.DiskSpace;
import id.pantau.store.EmbeddedDatabaseSupervisor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Health as the probes of systemd, Docker and Kubernetes expect it. {@code /api/v1/health/live}:
 * the process and its event loop answer (a restart would help only if they did not).
 * {@code /api/v1/health/ready}: this node can do its work — database reachable and taking
 * writes, snapshots fresh, listeners up. {@code /api/v1/health}: the same verdict with every
 * figure behind it. All answer from what the probes last saw, so polling costs no query.
 */
final class HealthRoutes {
  /** Snapshots older than this many ticks are stale ... */
  static final int STALE_TICKS = 5;
  /** ... and never sooner than this, so a short interval under load is not taken for a failure. */
  static final long STALE_FLOOR_MS = 5_000;

  private final HealthSource source;
  private final SnapshotTicker snapshots;
  private final String storageMode;
  private final Duration interval;
  private final Supplier<JsonObject> readSide;
  private final Supplier<JsonArray> failures;
  private final Supplier<List<String>> configWarnings;
  private final long startedAtMillis = System.currentTimeMillis();

  /**
   * @param readSide more figures for {@code api} (the alert engine's)
   * @param failures the read-side parts failing now (a view or alert rule of a city)
   * @param configWarnings what the cities' configuration lacks now (a year without holidays); warnings, not failures
   */
  HealthRoutes(HealthSource source, SnapshotTicker snapshots, String storageMode, Duration interval,
               Supplier<JsonObject> readSide, Supplier<JsonArray> failures, Supplier<List<String>> configWarnings) {
    this.source = source;
    this.snapshots = snapshots;
    this.storageMode = storageMode;
    this.interval = interval;
    this.readSide = readSide;
    this.failures = failures;
    this.configWarnings = configWarnings;
  }

  void mount(Router router) {
    router.get("/api/v1/health").handler(this::health);
    router.get("/api/v1/health/live").handler(ctx -> respond(ctx, true, new JsonObject().put("status", "alive")));
    router.get("/api/v1/health/ready").handler(ctx -> {
      List<String> reasons = reasons(source.database(), snapshotAgeMillis());
      respond(ctx, reasons.isEmpty(), new JsonObject().put("status", reasons.isEmpty() ? "ready" : "not ready")
          .put("reasons", new JsonArray(reasons)));
    });
  }

  private void health(RoutingContext ctx) {
    DatabaseHealth db = source.database();
    long age = snapshotAgeMillis();
    List<String> reasons = reasons(db, age);
    boolean ok = reasons.isEmpty();
    List<HealthSection> sections = source.sections();
    List<String> warnings = new ArrayList<>(warnings(db));
    sections.stream().filter(HealthSection::degraded).forEach(s -> warnings.add(s.warning()));
    warnings.addAll(configWarnings.get());
    boolean degraded = !ok || sections.stream().anyMatch(HealthSection::degraded);
    JsonObject body = new JsonObject()
        .put("status", degraded ? "degraded" : "ok")
        .put("reasons", new JsonArray(reasons))
        .put("warnings", new JsonArray(warnings))
        .put("database", database(db))
        .put("ingest", source.details())
        .put("api", new JsonObject().put("snapshotComputations", snapshots.computations())
            .put("snapshotIntervalMs", interval.toMillis()).put("snapshotAgeMs", age)
            .put("snapshotStaleAfterMs", staleAfterMillis()).mergeIn(readSide.get()))
        .put("failures", failures.get())
        .put("listening", source.listening());
    sections.forEach(s -> body.put(s.key(), s.body()));
    respond(ctx, ok, body);
  }

  /** Why this node cannot do its work now; empty when it can. */
  private List<String> reasons(DatabaseHealth db, long snapshotAge) {
    List<String> reasons = new ArrayList<>();
    String problem = db == null ? null : db.problem();
    if (problem != null) {
      reasons.add("database: " + problem);
    }
    if (!source.storeAvailable()) {
      String failure = source.storeFailure();
      reasons.add("database: writes failing" + (failure == null ? "" : ": " + failure));
    }
    if (snapshotAge > staleAfterMillis()) {
      reasons.add("snapshots: the newest is " + snapshotAge / 1000 + " s old (the database has not answered the views)");
    }
    if (!source.listening()) {
      reasons.add("listeners: this node is stopping");
    }
    return reasons;
  }

  private static List<String> warnings(DatabaseHealth db) {
    DiskSpace disk = db == null || db.embedded() == null ? null : db.embedded().disk();
    if (disk == null || !disk.low()) {
      return List.of();
    }
    return List.of("disk: " + (disk.freeBytes() >> 20) + " MiB free for the database in " + disk.path()
        + ", below the warning level of " + (disk.warningBytes() >> 20) + " MiB (database.embeddedFreeSpaceWarningMb)");
  }

  private JsonObject database(DatabaseHealth db) {
    JsonObject json = new JsonObject()
        .put("available", source.storeAvailable() && (db == null || db.problem() == null))
        .put("mode", storageMode)
        .put("writesFailing", source.storeFailure());
    if (db == null) {
      return json;
    }
    if (db.probe() != null) {
      json.put("reachable", db.probe().reachable()).put("roundTripMs", db.probe().roundTripMicros() / 1000.0)
          .put("checkedAgoMs", db.probe().ageMillis()).put("error", db.probe().error());
    }
    if (db.pool() != null) {
      json.put("pool", new JsonObject().put("active", db.pool().active()).put("idle", db.pool().idle())
          .put("total", db.pool().total()).put("waiting", db.pool().waiting()));
    }
    if (db.embedded() != null) {
      json.put("embedded", embedded(db.embedded()));
    }
    return json;
  }

  private static JsonObject embedded(EmbeddedDatabaseSupervisor.Status status) {
    JsonObject json = new JsonObject().put("state", status.state().name().toLowerCase())
        .put("restarts", status.restarts()).put("reason", status.reason());
    DiskSpace disk = status.disk();
    if (disk != null) {
      json.put("dataDir", disk.path().toString()).put("diskFreeBytes", disk.freeBytes())
          .put("diskTotalBytes", disk.totalBytes()).put("diskWarningBytes", disk.warningBytes())
          .put("diskLow", disk.low());
    }
    return json;
  }

  private long snapshotAgeMillis() {
    long last = snapshots.lastComputedAtMillis();
    return System.currentTimeMillis() - (last > 0 ? last : startedAtMillis);
  }

  private long staleAfterMillis() {
    return Math.max(STALE_FLOOR_MS, STALE_TICKS * interval.toMillis());
  }

  private static void respond(RoutingContext ctx, boolean ok, JsonObject body) {
    ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
