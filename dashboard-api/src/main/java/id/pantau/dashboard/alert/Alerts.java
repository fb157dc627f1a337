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

  /**
   * The {@code alerts} view as it stood at {@code at}. Severity, title and value are the alert's
   * last ones (the store keeps no history of an escalation).
   */
  public AlertBoard at(int cityId, Instant at) throws SQLException {
    return store.at(cityId, at);
  }

  public List<Alert> history(int cityId, String kecamatan, boolean activeOnly, Instant from, Instant to, int limit)
      throws SQLException {
    return store.history(cityId, kecamatan, activeOnly, Timestamp.from(from), Timestamp.from(to), limit);
  }

  /** What became of an acknowledgement by an operator limited to one kecamatan (or not). */
  public sealed interface Acknowledgement {
    record Done(Alert alert) implements Acknowledgement {
    }

    record NoSuchAlert() implements Acknowledgement {
    }

    /** The alert is another kecamatan's, or the city's (kecamatan null): left as it was. */
    record OtherKecamatan(String kecamatan) implements Acknowledgement {
    }
  }

  /**
   * Acknowledges (the first acknowledgement stands) the alert of the city if it belongs to {@code kecamatan} (null: any of the
   * city's); the alert's kecamatan never changes, so looking first and acknowledging second is
   * safe.
   */
  public Acknowledgement acknowledge(long id, int cityId, String kecamatan, String operator) throws SQLException {
    if (kecamatan != null) {
      Optional<Alert> found = store.find(id, cityId);
      if (found.isEmpty()) {
        return new Acknowledgement.NoSuchAlert();
      }
      if (!kecamatan.equals(found.get().kecamatan())) {
        return new Acknowledgement.OtherKecamatan(found.get().kecamatan());
      }
    }
    return store.acknowledge(id, cityId, operator).<Acknowledgement>map(Acknowledgement.Done::new)
        .orElseGet(Acknowledgement.NoSuchAlert::new);
  }
}
