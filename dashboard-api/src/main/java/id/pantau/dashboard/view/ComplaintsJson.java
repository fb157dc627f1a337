package id.pantau.dashboard.view;

import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.ComplaintRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code complaints} view's JSON: counts, and the first 100 of each breach list, each with the
 * deadline it missed ({@code dueAt}: by the city's working days and holidays as they are now).
 */
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
        .put("breaches", listed(c.breaches(), c.deadlines() == null ? null
            : b -> c.deadlines().deadline(b.createdAt(), b.category())))
        .put("verificationBreaches", listed(c.verificationBreaches(), c.deadlines() == null ? null
            : b -> c.deadlines().verificationDeadline(b.createdAt())));
  }

  private static JsonObject listed(List<ComplaintRow> rows, Function<ComplaintRow, Instant> dueAt) {
    JsonArray list = new JsonArray();
    rows.subList(0, Math.min(MAX_LISTED, rows.size())).forEach(b -> {
      JsonObject entry = new JsonObject().put("id", b.id())
          .put("kecamatan", b.kecamatan()).put("category", b.category()).put("createdAt", b.createdAt().toString())
          .put("resolvedAt", b.resolvedAt() == null ? null : b.resolvedAt().toString()).put("state", b.state());
      if (dueAt != null) {
        entry.put("dueAt", dueAt.apply(b).toString());
      }
      list.add(entry);
    });
    return new JsonObject().put("count", rows.size()).put("list", list);
  }
}
