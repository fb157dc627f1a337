package id.pantau.dashboard.http;

import io.vertx.core.json.JsonObject;

/**
 * A part of {@code /api/v1/health} under its own key, for something the server watches beside
 * ingest (TimescaleDB's background jobs, say). A {@code warning} (null when all is well) turns the
 * status to {@code degraded} and is listed among the warnings, while the node stays ready (200):
 * it needs an operator, not a failover.
 */
public record HealthSection(String key, JsonObject body, String warning) {
  public boolean degraded() {
    return warning != null;
  }
}
