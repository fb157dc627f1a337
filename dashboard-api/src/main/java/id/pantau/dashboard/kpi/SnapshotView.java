package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import io.vertx.core.json.JsonObject;

/** One part of a city's snapshot, computed once per tick (blocking, on a worker). */
public interface SnapshotView {
  /** The view's name: its endpoint {@code /api/v1/{name}} and its SSE event name. */
  String name();

  JsonObject compute(City city, int cityId) throws Exception;
}
