package id.pantau.server;

import id.pantau.dashboard.http.HealthSource;
import id.pantau.ingest.Batchers;
import id.pantau.store.Database;
import id.pantau.store.DatabaseHealth;
import io.vertx.core.json.JsonObject;
import java.util.function.BooleanSupplier;

/**
 * The node's health as the dashboard shows it: the ingest side's writes, the database as probed
 * (and supervised in embedded mode), and whether the node still accepts; ingest itself does not
 * know the dashboard.
 *
 * @param accepting false once the node stops accepting
 */
record IngestHealth(Batchers batchers, Database db, BooleanSupplier accepting) implements HealthSource {
  @Override
  public boolean storeAvailable() {
    return batchers.storeAvailable();
  }

  @Override
  public String storeFailure() {
    return batchers.storeFailure();
  }

  @Override
  public JsonObject details() {
    return batchers.details();
  }

  @Override
  public DatabaseHealth database() {
    return db.health();
  }

  @Override
  public boolean listening() {
    return accepting.getAsBoolean();
  }
}
