package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import java.util.List;

/** The views of a city: its typed KPIs, each served as a JSON snapshot. */
public interface CityViews {
  /** The views' names, in the order they are computed: each is {@code /api/v1/{name}} and an SSE event. */
  List<String> names();

  /**
   * Computes every view of one city through {@code run} (blocking, on a worker).
   *
   * @param before the city's KPIs of the previous tick
   */
  CityKpis compute(City city, int cityId, CityKpis before, ViewRun run);
}
