package id.pantau.dashboard.http;

import id.pantau.store.DatabaseHealth;
import io.vertx.core.json.JsonObject;

/** What the server knows about its own health; the ingest side provides it. */
public interface HealthSource {
  /** False while the database cannot take writes. */
  boolean storeAvailable();

  /** Counters and gauges to show on {@code /api/v1/health}. */
  JsonObject details();

  /** While writes fail: what the database said and what to do; null otherwise. */
  default String storeFailure() {
    return null;
  }

  /** The database's last health probe, pool and (embedded) supervisor state; null if not watched. */
  default DatabaseHealth database() {
    return null;
  }

  /** False once the node has stopped accepting (it is shutting down). */
  default boolean listening() {
    return true;
  }
}
