package id.pantau.dashboard.alert;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.kpi.SnapshotView;
import id.pantau.store.DownlinkStore;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts of a city, evaluated once per snapshot tick after the views they derive from:
 * opens what crossed its opening level, clears what fell below its clearing level, sends each
 * opening and clearing down to the kecamatan, and serves the open and recently cleared alerts
 * as the {@code alerts} view (and its SSE event).
 */
public final class AlertsView implements SnapshotView {
  private static final Logger log = LoggerFactory.getLogger(AlertsView.class);

  private final DataSource ds;
  private final CityDirectory cities;
  private final AlertRuleEvaluator evaluator;
  private final AlertStore store;
  private final DownlinkStore downlinks;

  public AlertsView(DataSource ds, CityDirectory cities) {
    this.ds = ds;
    this.cities = cities;
    this.evaluator = new AlertRuleEvaluator(ds);
    this.store = new AlertStore(ds);
    this.downlinks = new DownlinkStore(ds);
  }

  @Override
  public String name() {
    return "alerts";
  }

  @Override
  public JsonObject compute(City city, int cityId) throws Exception {
    return compute(city, cityId, Map.of());
  }

  @Override
  public JsonObject compute(City city, int cityId, Map<String, JsonObject> earlier) throws Exception {
    List<AlertCondition> conditions = evaluator.evaluate(city, cityId, earlier, Instant.now());
    try (Connection c = ds.getConnection()) {
      Map<String, AlertStore.Open> open = store.open(c, cityId);
      Set<String> seen = new HashSet<>();
      for (AlertCondition a : conditions) {
        seen.add(a.key());
        AlertStore.Open existing = open.get(a.key());
        if (existing == null && a.state() == AlertCondition.State.OPEN) {
          Integer kecamatanId = cities.kecamatan(city.slug(), a.kecamatan()).map(KecamatanRef::id).orElse(null);
          Optional<Long> id = store.insert(c, cityId, kecamatanId, a);
          if (id.isPresent()) {
            log.info("alert opened id={} city={} rule={} subject={} severity={} {}", id.get(), city.slug(), a.rule(),
                a.subject(), a.severity(), a.titleEn());
            sendDown(cityId, kecamatanId, "alert", id.get(), a);
          }
        } else if (existing != null && a.state() == AlertCondition.State.CLEAR) {
          clear(c, city, cityId, existing, a);
        } else if (existing != null) {
          store.update(c, existing.id(), a); // still open (or held by hysteresis): keep its figures current
        }
      }
      // a subject that disappeared (a sensor gone stale, a gateway deleted) no longer holds its alert open
      for (var e : open.entrySet()) {
        if (!seen.contains(e.getKey()) && !e.getKey().startsWith("complaint_breach/")) {
          clear(c, city, cityId, e.getValue(), null);
        }
      }
      return store.current(c, cityId).put("city", city.slug());
    }
  }

  private void clear(Connection c, City city, int cityId, AlertStore.Open open, AlertCondition now) throws Exception {
    if (store.clear(c, open.id())) {
      log.info("alert cleared id={} city={}", open.id(), city.slug());
      Integer kecamatanId = open.kecamatan() == null ? null
          : cities.kecamatan(city.slug(), open.kecamatan()).map(KecamatanRef::id).orElse(null);
      sendDown(cityId, kecamatanId, "alert_cleared", open.id(), now);
    }
  }

  private void sendDown(int cityId, Integer kecamatanId, String type, long alertId, AlertCondition a) throws Exception {
    if (kecamatanId == null) {
      return;
    }
    JsonObject payload = new JsonObject().put("type", type).put("alertId", alertId).put("at", Instant.now().toString());
    if (a != null) {
      payload.put("rule", a.rule()).put("subject", a.subject()).put("severity", a.severity())
          .put("title", a.title()).put("titleEn", a.titleEn()).put("value", a.value());
    }
    downlinks.publish(cityId, kecamatanId, "alert", payload.encode(), "alert-engine");
  }
}
