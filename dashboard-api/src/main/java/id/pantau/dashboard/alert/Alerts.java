package id.pantau.dashboard.alert;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the HTTP API may do with alerts: read the current ones and the history, acknowledge
 * one. Opening and clearing belong to the {@link AlertEngine} alone. Blocking.
 */
public final class Alerts {
  private final AlertStore store;

  public Alerts(DataSource ds) {
    this.store = new AlertStore(ds);
  }

  /** The open alerts and those cleared within the last day (the {@code alerts} view). */
  public AlertBoard current(int cityId) throws SQLException {
    return store.current(cityId);
  }

  public List<Alert> history(int cityId, String kecamatan, boolean activeOnly, Instant from, Instant to, int limit)
      throws SQLException {
    return store.history(cityId, kecamatan, activeOnly, Timestamp.from(from), Timestamp.from(to), limit);
  }

  /** Acknowledges (the first acknowledgement stands); empty when there is no such alert in the city. */
  public Optional<Alert> acknowledge(long id, int cityId, String operator) throws SQLException {
    return store.acknowledge(id, cityId, operator);
  }
}
