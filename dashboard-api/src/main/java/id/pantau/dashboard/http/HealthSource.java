package id.pantau.dashboard.http;

import io.vertx.core.json.JsonObject;

/** What the server knows about its own health; the ingest side provides it. */
public interface HealthSource {
  /** False while the database cannot take writes. */
  boolean storeAvailable();

  /** Counters and gauges to show on {@code /api/v1/health}. */
  JsonObject details();
}
