package id.pantau.dashboard.alert;

import id.pantau.city.AlertRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts as the API serves them: the {@code alerts} view, the history and an acknowledgement. */
public final class AlertJson {
  private AlertJson() {
  }

  /** The {@code alerts} view. */
  public static JsonObject board(String city, AlertBoard board) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    AlertRules.Severity.NAMES.forEach(s -> counts.put(s, 0));
    board.active().forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
    JsonObject bySeverity = new JsonObject();
    counts.forEach(bySeverity::put);
    return new JsonObject().put("activeCount", board.active().size()).put("activeBySeverity", bySeverity)
        .put("active", list(board.active())).put("clearedLast24h", list(board.clearedLast24h())).put("city", city);
  }

  public static JsonArray list(List<Alert> alerts) {
    JsonArray out = new JsonArray();
    alerts.forEach(a -> out.add(of(a)));
    return out;
  }

  public static JsonObject of(Alert a) {
    return new JsonObject().put("id", a.id()).put("rule", a.rule()).put("subject", a.subject())
        .put("kecamatan", a.kecamatan()).put("severity", a.severity()).put("title", a.title())
        .put("titleEn", a.titleEn()).put("value", a.value())
        .put("openedAt", a.openedAt().toString())
        .put("updatedAt", a.updatedAt().toString())
        .put("acknowledged", a.acknowledgedAt() == null ? null
            : new JsonObject().put("at", a.acknowledgedAt().toString()).put("by", a.acknowledgedBy()))
        .put("clearedAt", iso(a.clearedAt()))
        .put("state", a.state());
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
