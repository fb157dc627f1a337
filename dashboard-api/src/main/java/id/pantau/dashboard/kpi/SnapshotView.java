package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import io.vertx.core.json.JsonObject;

/** One part of a city's snapshot, computed once per tick (blocking, on a worker). */
public interface SnapshotView {
  /** The view's name: its endpoint {@code /api/v1/{name}} and its SSE event name. */
  String name();

  JsonObject compute(City city, int cityId) throws Exception;

  /**
   * Computes with the views computed before it in the same tick at hand (by name). Views
   * that derive from others (alerts) override this; the rest ignore them.
   */
  default JsonObject compute(City city, int cityId, java.util.Map<String, JsonObject> earlier) throws Exception {
    return compute(city, cityId);
  }
}
