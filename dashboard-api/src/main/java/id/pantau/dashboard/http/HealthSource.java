package id.pantau.dashboard.http;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/** What the server knows about its own health; the ingest side provides it. */
public interface HealthSource {
  /** False while the database cannot take writes. */
  boolean storeAvailable();

  /** Counters and gauges to show on {@code /api/v1/health}. */
  JsonObject details();

  /** Further sections of the report, each under its own key; none by default. */
  default List<HealthSection> sections() {
    return List.of();
  }

  /** This source with one more section, computed at each request. */
  default HealthSource with(Supplier<HealthSection> section) {
    HealthSource base = this;
    return new HealthSource() {
      @Override
      public boolean storeAvailable() {
        return base.storeAvailable();
      }

      @Override
      public JsonObject details() {
        return base.details();
      }

      @Override
      public List<HealthSection> sections() {
        List<HealthSection> all = new java.util.ArrayList<>(base.sections());
        all.add(section.get());
        return all;
      }
    };
  }
}
