package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.store.DownlinkStore;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
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
 * The alerts in the database: opens what crossed its opening level, keeps an open alert's figures
 * current (a changed severity is an escalation), clears what fell below its clearing level or
 * whose subject disappeared, and queues each opening and clearing for the kecamatan's gateways.
 * Several API nodes may do this at once: the store lets one of them open or clear an alert.
 */
final class StoredAlertLedger implements AlertLedger {
  private static final Logger log = LoggerFactory.getLogger(StoredAlertLedger.class);

  private final DataSource ds;
  private final CityDirectory cities;
  private final AlertStore store;
  private final ThresholdOverrides overrides;
  private final DownlinkStore downlinks;

  StoredAlertLedger(DataSource ds, CityDirectory cities) {
    this.ds = ds;
    this.cities = cities;
    this.store = new AlertStore(ds);
    this.overrides = new ThresholdOverrides(ds);
    this.downlinks = new DownlinkStore(ds);
  }

  @Override
  public List<AlertRules.Threshold> thresholds(City city, int cityId) throws SQLException {
    return overrides.load(cityId).orElse(city.alerts().thresholds());
  }

  @Override
  public void reconcile(City city, int cityId, Map<String, List<AlertCondition>> verdicts) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Map<String, AlertStore.Open> open = store.open(c, cityId);
      Set<String> seen = new HashSet<>();
      for (List<AlertCondition> conditions : verdicts.values()) {
        for (AlertCondition a : conditions) {
          seen.add(a.key());
          apply(c, city, cityId, open.get(a.key()), a);
        }
      }
      // a subject that disappeared (a sensor gone stale, a gateway deleted) no longer holds its alert open
      for (var e : open.entrySet()) {
        String rule = e.getKey().substring(0, e.getKey().indexOf('/'));
        if (verdicts.containsKey(rule) && !seen.contains(e.getKey())) {
          clear(c, city, cityId, e.getValue(), null);
        }
      }
    }
  }

  private void apply(Connection c, City city, int cityId, AlertStore.Open existing, AlertCondition a)
      throws SQLException {
    if (existing == null && a.state() == AlertCondition.State.OPEN) {
      Integer kecamatanId = kecamatanId(city, a.kecamatan());
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

  private void clear(Connection c, City city, int cityId, AlertStore.Open open, AlertCondition now)
      throws SQLException {
    if (store.clear(c, open.id())) {
      log.info("alert cleared id={} city={}", open.id(), city.slug());
      sendDown(cityId, kecamatanId(city, open.kecamatan()), "alert_cleared", open.id(), now);
    }
  }

  private Integer kecamatanId(City city, String kecamatan) {
    return kecamatan == null ? null : cities.kecamatan(city.slug(), kecamatan).map(KecamatanRef::id).orElse(null);
  }

  /** The gateways' wire format: a JSON message on the kecamatan's downlink topic. */
  private void sendDown(int cityId, Integer kecamatanId, String type, long alertId, AlertCondition a)
      throws SQLException {
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
