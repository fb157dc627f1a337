package id.pantau.dashboard.view;

import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.readmodel.ComplaintRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A city's view narrowed to one kecamatan, for a kecamatan's own screen: its entries only,
 * counts recomputed from them, and the figures that exist only for the whole city (the
 * city-wide latest values, readings per second, rejections, new complaints and time to
 * resolve) left out rather than shown as if they were the kecamatan's. A view not known here is
 * refused: a new city-wide view is never handed to a kecamatan by default. Pure.
 */
public final class KecamatanViews {
  /** Marks a narrowed view, so a screen (and a reader of the JSON) knows it is not the city's. */
  public static final String SCOPE_FIELD = "kecamatanScope";
  private static final Set<String> NARROWED = Set.of("kecamatan", "complaints", "air", "flood", "ingest", "alerts",
      "quality");

  private KecamatanViews() {
  }

  /** Whether the view has a kecamatan's part; the others are city-wide and refused to a kecamatan. */
  public static boolean narrows(String view) {
    return NARROWED.contains(view);
  }

  /**
   * @param city the city's view as served
   * @param complaints the city's complaint figures the view was built from (exact counts, not the
   *     first hundred listed)
   */
  public static JsonObject narrow(String view, JsonObject city, String kecamatan, ComplaintStatus complaints) {
    JsonObject out = switch (view) {
      case "kecamatan" -> kecamatanView(city, kecamatan);
      case "complaints" -> complaintsView(city.getString("city"), complaints, kecamatan);
      case "air" -> air(city, kecamatan);
      case "quality" -> air(city, kecamatan); // the same shape: by kecamatan; the city's total left out
      case "flood" -> flood(city, kecamatan);
      case "ingest" -> ingest(city, kecamatan);
      case "alerts" -> alerts(city, kecamatan);
      default -> throw new ApiException.Forbidden("the " + view + " view is city-wide; a kecamatan token does not read it");
    };
    return out.put(SCOPE_FIELD, kecamatan);
  }

  private static JsonObject kecamatanView(JsonObject city, String kecamatan) {
    return new JsonObject().put("city", city.getString("city"))
        .put("kecamatan", only(city.getJsonArray("kecamatan"), "slug", kecamatan));
  }

  private static JsonObject complaintsView(String city, ComplaintStatus c, String kecamatan) {
    if (c == null) {
      return new JsonObject().put("city", city).put("open", 0).put("openByKecamatan", new JsonObject());
    }
    Map<String, Long> byCategory = c.openByKecamatan().getOrDefault(kecamatan, Map.of());
    long open = byCategory.values().stream().mapToLong(Long::longValue).sum();
    ComplaintStatus mine = new ComplaintStatus(open, byCategory.isEmpty() ? Map.of() : Map.of(kecamatan, byCategory),
        0, c.timeToResolve24h(), of(c.breaches(), kecamatan), of(c.verificationBreaches(), kecamatan),
        c.deadlines());
    JsonObject out = ComplaintsJson.of(city, mine);
    out.remove("newLastHour");
    out.remove("timeToResolve24h");
    return out;
  }

  private static List<ComplaintRow> of(List<ComplaintRow> rows, String kecamatan) {
    return rows.stream().filter(r -> kecamatan.equals(r.kecamatan())).toList();
  }

  private static JsonObject air(JsonObject city, String kecamatan) {
    JsonObject all = city.getJsonObject("kecamatan", new JsonObject());
    JsonObject mine = new JsonObject();
    if (all.containsKey(kecamatan)) {
      mine.put(kecamatan, all.getValue(kecamatan));
    }
    return new JsonObject().put("city", city.getString("city")).put("kecamatan", mine);
  }

  private static JsonObject flood(JsonObject city, String kecamatan) {
    return new JsonObject().put("city", city.getString("city"))
        .put("gauges", only(city.getJsonArray("gauges"), "kecamatan", kecamatan));
  }

  private static JsonObject ingest(JsonObject city, String kecamatan) {
    JsonArray gateways = only(city.getJsonArray("gateways"), "kecamatan", kecamatan);
    long online = gateways.stream().filter(g -> ((JsonObject) g).getBoolean("online", false)).count();
    return new JsonObject().put("city", city.getString("city")).put("gatewaysOnline", online)
        .put("gatewaysOffline", gateways.size() - online).put("gateways", gateways);
  }

  /** Alerts of the kecamatan; city-wide alerts (no kecamatan) belong to the city's command center. */
  private static JsonObject alerts(JsonObject city, String kecamatan) {
    JsonArray active = only(city.getJsonArray("active"), "kecamatan", kecamatan);
    JsonObject bySeverity = new JsonObject();
    city.getJsonObject("activeBySeverity", new JsonObject()).fieldNames().forEach(s -> bySeverity.put(s, 0));
    active.forEach(a -> {
      String severity = ((JsonObject) a).getString("severity");
      bySeverity.put(severity, bySeverity.getInteger(severity, 0) + 1);
    });
    return new JsonObject().put("activeCount", active.size()).put("activeBySeverity", bySeverity).put("active", active)
        .put("clearedLast24h", only(city.getJsonArray("clearedLast24h"), "kecamatan", kecamatan))
        .put("city", city.getString("city"));
  }

  private static JsonArray only(JsonArray list, String field, String kecamatan) {
    JsonArray out = new JsonArray();
    if (list != null) {
      list.forEach(item -> {
        if (item instanceof JsonObject o && kecamatan.equals(o.getString(field))) {
          out.add(o);
        }
      });
    }
    return out;
  }
}
