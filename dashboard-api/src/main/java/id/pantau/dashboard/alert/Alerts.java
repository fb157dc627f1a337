package id.pantau.dashboard.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** What the HTTP API may do with alerts: read their history and acknowledge one. Blocking. */
public final class Alerts {
  private final AlertStore store;

  public Alerts(DataSource ds) {
    this.store = new AlertStore(ds);
  }

  public JsonArray history(int cityId, String kecamatan, boolean activeOnly, Instant from, Instant to, int limit)
      throws SQLException {
    return store.history(cityId, kecamatan, activeOnly, Timestamp.from(from), Timestamp.from(to), limit);
  }

  /** Acknowledges (the first acknowledgement stands); empty when there is no such alert in the city. */
  public Optional<JsonObject> acknowledge(long id, int cityId, String operator) throws SQLException {
    return store.acknowledge(id, cityId, operator);
  }
}
