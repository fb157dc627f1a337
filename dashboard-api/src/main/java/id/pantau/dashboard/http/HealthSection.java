package id.pantau.dashboard.http;

import io.vertx.core.json.JsonObject;

/**
 * A part of {@code /api/v1/health} under its own key, for something the server watches beside
 * ingest (TimescaleDB's background jobs, say). {@code degraded} turns the status to
 * {@code degraded} while the server still serves (200): it needs an operator, not a failover.
 */
public record HealthSection(String key, JsonObject body, boolean degraded) {
}
