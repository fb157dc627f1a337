package id.pantau.dashboard.rapor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;

/** A rapor as the API's JSON: figures beside the previous period's, each with the link to its items. */
public final class RaporJson {
  private RaporJson() {
  }

  /**
   * @param kecamatan the one kecamatan to show, or null for all
   * @param withTotal whether to show the city's figures too
   */
  public static JsonObject of(Rapor r, String kecamatan, boolean withTotal) {
    JsonArray parts = new JsonArray();
    r.kecamatan().stream().filter(p -> kecamatan == null || p.slug().equals(kecamatan)).forEach(p -> parts.add(part(r, p)));
    return new JsonObject().put("city", r.city()).put("timezone", r.zone().getId())
        .put("period", period(r.period(), r.zone())).put("previous", period(r.previous(), r.zone()))
        .put("asOf", r.asOf().toString()).put("figures", definitions()).put("kecamatan", parts)
        .put("total", withTotal ? part(r, r.total()) : null);
  }

  /** The items behind one figure, for tracing it. */
  public static JsonObject items(Rapor r, Rapor.Part part, String figureId, RaporFigure figure) {
    Rapor.Figure f = part.figures().get(figureId);
    JsonArray items = new JsonArray();
    if (f != null) {
      for (Rapor.Item i : f.items()) {
        JsonObject item = new JsonObject().put("id", i.id());
        if (i.value() != null) {
          item.put(switch (figure.source()) {
            case DAY -> "ispu";
            case HOUR -> "maxCm";
            case SENSOR -> "expected";
            default -> name(figure.unit());
          }, i.value());
        }
        if (i.met() != null) {
          item.put("met", i.met());
        }
        items.add(item);
      }
    }
    return new JsonObject().put("city", r.city()).put("period", period(r.period(), r.zone()))
        .put("kecamatan", part.slug()).put("figure", figureId).put("source", name(figure.source()))
        .put("value", f == null ? null : number(figure, f.value())).put("count", items.size()).put("items", items);
  }

  private static JsonObject period(RaporPeriod p, ZoneId zone) {
    return new JsonObject().put("kind", p.kindName()).put("label", p.label()).put("first", p.first().toString())
        .put("last", p.last().toString()).put("from", p.start(zone).toString()).put("to", p.end(zone).toString());
  }

  private static JsonArray definitions() {
    JsonArray list = new JsonArray();
    for (RaporFigure f : RaporFigure.values()) {
      list.add(new JsonObject().put("id", f.id()).put("unit", name(f.unit())).put("better", name(f.better()))
          .put("ranked", f.headline()).put("source", name(f.source())).put("perPart", f.perPart()));
    }
    return list;
  }

  private static JsonObject part(Rapor r, Rapor.Part p) {
    JsonObject figures = new JsonObject();
    p.figures().forEach((id, f) -> {
      JsonObject o = new JsonObject().put("value", number(f.kind(), f.value()))
          .put("previous", number(f.kind(), f.previous())).put("change", number(f.kind(), f.change()));
      if (f.kind().headline() && p.slug() != null && !id.contains(":")) {
        o.put("rank", f.rank());
      }
      figures.put(id, o.put("items", itemsLink(r, p.slug(), id)));
    });
    JsonObject out = new JsonObject();
    if (p.slug() != null) {
      out.put("slug", p.slug());
    }
    return out.put("name", p.name()).put("figures", figures);
  }

  /** The link to a figure's items: the same period and city, so following it needs nothing else. */
  public static String itemsLink(Rapor r, String kecamatan, String figure) {
    return "/api/v1/rapor/items?city=" + r.city() + "&" + r.period().query()
        + (kecamatan == null ? "" : "&kecamatan=" + kecamatan) + "&figure=" + URLEncoder.encode(figure, StandardCharsets.UTF_8);
  }

  /** Counts and days as whole numbers, the rest as they are. */
  static Object number(RaporFigure kind, Double v) {
    if (v == null) {
      return null;
    }
    boolean whole = kind.unit() == RaporFigure.Unit.COUNT || kind.unit() == RaporFigure.Unit.DAYS;
    return whole ? (Object) v.longValue() : v;
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
