package id.pantau.dashboard.http;

import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.kpi.SnapshotTicker;
import id.pantau.dashboard.view.KecamatanViews;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views narrowed to one kecamatan, each computed once per change of the city's view and
 * shared by every screen of that kecamatan (with its own ETag, so an unchanged one costs a 304).
 * Holds at most one entry per configured kecamatan and view: callers pass only kecamatan of the
 * city directory.
 */
final class KecamatanSnapshots {
  private record Narrowed(String sourceEtag, Snapshot snapshot) {
  }

  private final SnapshotTicker snapshots;
  private final Map<String, Narrowed> narrowed = new ConcurrentHashMap<>();

  KecamatanSnapshots(SnapshotTicker snapshots) {
    this.snapshots = snapshots;
  }

  /**
   * The view of the city narrowed to the kecamatan; empty until the city's view has data, and
   * for a view that is city-wide only ({@link KecamatanViews#narrows}).
   */
  Optional<Snapshot> get(String city, String kecamatan, String view) {
    Snapshot whole = snapshots.get(city, view).orElse(null);
    if (whole == null || !KecamatanViews.narrows(view)) {
      return Optional.empty();
    }
    String key = city + "/" + kecamatan + "/" + view;
    Narrowed n = narrowed.get(key);
    if (n == null || !n.sourceEtag().equals(whole.etag())) {
      JsonObject body = KecamatanViews.narrow(view, new JsonObject(whole.body()), kecamatan,
          snapshots.kpis(city).map(CityKpis::complaints).orElse(null));
      // a change elsewhere in the city leaves this kecamatan's bytes, and their gzip form, as they were
      n = new Narrowed(whole.etag(), Snapshot.of(body.encode(), whole.computedAt())
          .keepingEncodingsOf(n == null ? null : n.snapshot()));
      narrowed.put(key, n);
    }
    return Optional.of(n.snapshot());
  }
}
