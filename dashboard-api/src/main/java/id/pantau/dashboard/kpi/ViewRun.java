package id.pantau.dashboard.kpi;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** One city's views in one tick, each computed on its own so that one that fails stops no other. */
public interface ViewRun {
  /**
   * Computes a view's records and serves their JSON as the view's snapshot.
   *
   * @param previous what the view computed last time, kept (and its snapshot served) when this fails
   * @return the records computed, or {@code previous} when computing or encoding them failed
   */
  <T> T view(String name, Callable<T> compute, Function<T, JsonObject> json, T previous);
}
