package id.pantau.dashboard.kpi;

import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.MinuteRollup;
import id.pantau.dashboard.readmodel.SensorValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per kecamatan of one city: each metric's latest value and most recent one-minute rollup, and
 * the gateways with their presence; and city-wide, per metric, the newest value anywhere in the
 * city and the city's most recent one-minute rollup.
 *
 * @param kecamatan in the city's configured order
 * @param cityWide by metric name
 * @param status each kecamatan's tile status by slug (empty until {@link #withStatus} judged them)
 */
public record KecamatanSnapshot(List<KecamatanStatus> kecamatan, Map<String, MetricStatus> cityWide,
                                Map<String, TileStatus> status) {

  /** This snapshot with each kecamatan's tile status, judged from the tick's other KPIs. */
  public KecamatanSnapshot withStatus(Map<String, TileStatus> status) {
    return new KecamatanSnapshot(kecamatan, cityWide, Collections.unmodifiableMap(new LinkedHashMap<>(status)));
  }

  /** A metric's now: either part may be missing (null). */
  public record MetricStatus(SensorValue latest, MinuteRollup lastMinute) {
    MetricStatus withLatest(SensorValue v) {
      return new MetricStatus(v, lastMinute);
    }

    MetricStatus withLastMinute(MinuteRollup r) {
      return new MetricStatus(latest, r);
    }
  }

  /** @param metrics by metric name, in the catalogue's order */
  public record KecamatanStatus(String slug, String name, String zone, Map<String, MetricStatus> metrics,
                                List<GatewayStatus> gateways) {
  }

  /**
   * Pure. Data of a kecamatan that is no longer configured stays in the database and is not shown
   * per kecamatan (the city-wide rollups still count it).
   *
   * @param latest ordered so that the first value of each kecamatan and metric is its newest
   */
  public static KecamatanSnapshot of(List<KecamatanRef> configured, List<SensorValue> latest,
                                     List<MinuteRollup> lastMinutes, List<MinuteRollup> cityLastMinutes,
                                     List<GatewayStatus> gateways) {
    Map<String, Map<String, MetricStatus>> metrics = new LinkedHashMap<>();
    Map<String, List<GatewayStatus>> gatewaysOf = new LinkedHashMap<>();
    configured.forEach(k -> {
      metrics.put(k.slug(), new LinkedHashMap<>());
      gatewaysOf.put(k.slug(), new ArrayList<>());
    });
    for (SensorValue v : latest) {
      Map<String, MetricStatus> of = metrics.get(v.kecamatan());
      if (of != null && !of.containsKey(v.metric())) {
        of.put(v.metric(), new MetricStatus(v, null));
      }
    }
    for (MinuteRollup r : lastMinutes) {
      Map<String, MetricStatus> of = metrics.get(r.kecamatan());
      if (of != null) {
        of.merge(r.metric(), new MetricStatus(null, r), (had, added) -> had.withLastMinute(r));
      }
    }
    for (GatewayStatus g : gateways) {
      List<GatewayStatus> of = gatewaysOf.get(g.kecamatan());
      if (of != null) {
        of.add(g);
      }
    }
    List<KecamatanStatus> kecamatan = configured.stream().map(k -> new KecamatanStatus(k.slug(), k.name(), k.zone(),
        Collections.unmodifiableMap(metrics.get(k.slug())), List.copyOf(gatewaysOf.get(k.slug())))).toList();
    return new KecamatanSnapshot(kecamatan, cityWide(kecamatan, cityLastMinutes), Map.of());
  }

  /** Per metric: the newest value of any kecamatan (the first on a tie), and the city's last minute. */
  static Map<String, MetricStatus> cityWide(List<KecamatanStatus> kecamatan, List<MinuteRollup> cityLastMinutes) {
    Map<String, MetricStatus> out = new LinkedHashMap<>();
    for (KecamatanStatus k : kecamatan) {
      k.metrics().forEach((metric, status) -> {
        SensorValue v = status.latest();
        MetricStatus current = out.get(metric);
        if (v != null && (current == null || v.ts().isAfter(current.latest().ts()))) {
          out.put(metric, new MetricStatus(v, null));
        }
      });
    }
    for (MinuteRollup r : cityLastMinutes) {
      out.merge(r.metric(), new MetricStatus(null, r), (had, added) -> had.withLastMinute(r));
    }
    return Collections.unmodifiableMap(out);
  }
}
