package id.pantau.dashboard.view;

import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.ComplaintRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The {@code complaints} view's JSON: counts, and the first 100 of each breach list. */
final class ComplaintsJson {
  private static final int MAX_LISTED = 100;

  private ComplaintsJson() {
  }

  static JsonObject of(String city, ComplaintStatus c) {
    JsonObject open = new JsonObject();
    c.openByKecamatan().forEach((kecamatan, byCategory) -> {
      JsonObject categories = new JsonObject();
      byCategory.forEach(categories::put);
      open.put(kecamatan, categories);
    });
    ComplaintRows.TimeToResolve t = c.timeToResolve24h();
    return new JsonObject().put("open", c.open()).put("openByKecamatan", open).put("newLastHour", c.newLastHour())
        .put("timeToResolve24h", new JsonObject().put("resolved", t.resolved())
            .put("medianSeconds", t.medianSeconds()).put("p90Seconds", t.p90Seconds()))
        .put("city", city)
        .put("breaches", listed(c.breaches()))
        .put("verificationBreaches", listed(c.verificationBreaches()));
  }

  private static JsonObject listed(List<ComplaintRow> rows) {
    JsonArray list = new JsonArray();
    rows.subList(0, Math.min(MAX_LISTED, rows.size())).forEach(b -> list.add(new JsonObject().put("id", b.id())
        .put("kecamatan", b.kecamatan()).put("category", b.category()).put("createdAt", b.createdAt().toString())
        .put("resolvedAt", b.resolvedAt() == null ? null : b.resolvedAt().toString()).put("state", b.state())));
    return new JsonObject().put("count", rows.size()).put("list", list);
  }
}
