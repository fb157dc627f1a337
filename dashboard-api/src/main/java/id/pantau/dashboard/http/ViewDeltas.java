package id.pantau.dashboard.http;

import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.view.JsonDelta;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The deltas of the stream's views: for each view (of a city, or of one kecamatan), the
 * delta from the version before the newest to the newest, computed once per change and shared by
 * every screen that holds the version before ({@link JsonDelta}). Only one step back is kept: a
 * screen that holds an older version skipped some, and is sent the view whole. Runs on the API
 * verticle's event loop.
 */
final class ViewDeltas {
  /** A version of a view as a screen may hold it, parsed once. */
  private record Version(String etag, JsonObject json) {
  }

  /** The data of a delta event, encoded once. */
  private record Delta(String base, String etag, byte[] data) {
  }

  private final Map<String, Version> newest = new HashMap<>();
  private final Map<String, Version> before = new HashMap<>();
  private final Map<String, Delta> deltas = new HashMap<>();
  private long computed;

  /**
   * Notes that screens are sent this version of the view under {@code key} (city, kecamatan and
   * view), so that the next one can be sent as a delta from it.
   */
  void sent(String key, Snapshot snapshot) {
    Version n = newest.get(key);
    if (n == null || !n.etag().equals(snapshot.etag())) {
      if (n != null) {
        before.put(key, n);
      }
      newest.put(key, new Version(snapshot.etag(), new JsonObject(snapshot.body())));
    }
  }

  /**
   * The data of the delta event from {@code base} to {@code snapshot}, UTF-8: {@code {"base": ..,
   * "etag": .., "patch": ..}}; null when {@code base} is not the version before it (the screen is
   * then sent the view whole).
   */
  byte[] delta(String key, String base, Snapshot snapshot) {
    sent(key, snapshot);
    Version from = before.get(key);
    if (from == null || !from.etag().equals(base)) {
      return null;
    }
    Delta d = deltas.get(key);
    if (d == null || !d.base().equals(base) || !d.etag().equals(snapshot.etag())) {
      JsonObject patch = JsonDelta.diff(from.json(), newest.get(key).json());
      d = new Delta(base, snapshot.etag(), new JsonObject().put("base", base).put("etag", snapshot.etag())
          .put("patch", patch).encode().getBytes(StandardCharsets.UTF_8));
      deltas.put(key, d);
      computed++;
    }
    return d.data();
  }

  /** Deltas computed so far: grows with the views' changes, not with the screens. */
  long computed() {
    return computed;
  }
}
