package id.pantau.server;

import id.pantau.dashboard.http.HealthSource;
import id.pantau.ingest.Batchers;
import io.vertx.core.json.JsonObject;

/** The ingest side's health as the dashboard shows it; ingest itself does not know the dashboard. */
record IngestHealth(Batchers batchers) implements HealthSource {
  @Override
  public boolean storeAvailable() {
    return batchers.storeAvailable();
  }

  @Override
  public JsonObject details() {
    return batchers.details();
  }
}
