package id.pantau.dashboard.kpi;

import id.pantau.dashboard.quality.Completeness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much a kecamatan needs someone to act, the colour of its tile on the wall. Only what asks
 * for action raises it above normal: ISPU from Tidak Sehat (an ordinary Bandung day is Sedang,
 * and a wall where every tile is raised says nothing), a river gauge at a siaga level, complaints
 * open past their resolution target, an open alert. Anything else with data is normal.
 *
 * @param reasons what raised it, worst first (empty when normal or without data)
 */
public record TileStatus(Level level, List<Reason> reasons) {

  /** In order of severity; the wire names are the alert severities the wall already colours. */
  public enum Level {
    NO_DATA("no_data"), INSUFFICIENT("insufficient"), NORMAL("normal"), WATCH("watch"), WARNING("warning"), DANGER("danger");

    private final String wireName;

    Level(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** An alert's severity (watch, warning, danger); an unknown one counts as watch, never as nothing. */
    static Level ofSeverity(String severity) {
      for (Level l : values()) {
        if (l.compareTo(WATCH) >= 0 && l.wireName.equals(severity)) {
          return l;
        }
      }
      return WATCH;
    }
  }

  /**
   * What raised a tile: {@code ispu}, {@code flood}, {@code breaches} or {@code alert}, and to which
   * level; or {@code thin_data} (level insufficient): too little of the kecamatan's data arrived to
   * trust the tile's colour. A hazard still raises the tile above it: thin data never hides one.
   */
  public record Reason(String kind, Level level) {
  }

  /** An open alert of a kecamatan, as the tile needs it. */
  public record OpenAlert(String kecamatan, String severity) {
  }

  private static final TileStatus NO_DATA = new TileStatus(Level.NO_DATA, List.of());
  private static final TileStatus NORMAL = new TileStatus(Level.NORMAL, List.of());

  /** Day completeness (percent of expected readings) below which a tile's data is too thin to trust. */
  public static final double MIN_DAY_COMPLETENESS = 50.0;

  /**
   * Expected readings below which a day's completeness judges nothing: of a sensor first seen
   * minutes before, one late reading of three would be 67 % missing.
   */
  static final double MIN_EXPECTED = 30;

  /** Breaches from which a kecamatan's complaints raise its tile to warning rather than watch. */
  static final int MANY_BREACHES = 5;

  /**
   * Pure. Any part may be null (not computed yet): it then raises nothing.
   *
   * @param snapshot the kecamatan to judge, in order; one with latest values has data
   * @return by kecamatan slug, in the snapshot's order
   */
  public static Map<String, TileStatus> of(KecamatanSnapshot snapshot, AirQuality air, FloodStatus flood,
                                           ComplaintStatus complaints, List<OpenAlert> alerts) {
    return of(snapshot, air, flood, complaints, alerts, null);
  }

  /**
   * Pure. As above, and a kecamatan whose ISPU has too few hourly means, or whose day completeness
   * is below {@link #MIN_DAY_COMPLETENESS}, is {@code thin_data}.
   *
   * @param dayCompleteness by kecamatan slug: the day's completeness, null when not computed
   */
  public static Map<String, TileStatus> of(KecamatanSnapshot snapshot, AirQuality air, FloodStatus flood,
                                           ComplaintStatus complaints, List<OpenAlert> alerts,
                                           Map<String, Completeness> dayCompleteness) {
    Map<String, List<Reason>> reasons = new LinkedHashMap<>();
    Map<String, Boolean> hasData = new LinkedHashMap<>();
    snapshot.kecamatan().forEach(k -> {
      reasons.put(k.slug(), new ArrayList<>());
      hasData.put(k.slug(), !k.metrics().isEmpty());
    });
    if (air != null) {
      air.byKecamatan().forEach((slug, k) -> {
        if (k.sufficient()) {
          add(reasons, hasData, slug, "ispu", level(k.category()));
        } else {
          thin(reasons, hasData, slug);
        }
      });
    }
    if (dayCompleteness != null) {
      dayCompleteness.forEach((slug, c) -> {
        if (c != null && c.percent() != null && c.expected() >= MIN_EXPECTED && c.percent() < MIN_DAY_COMPLETENESS) {
          thin(reasons, hasData, slug);
        }
      });
    }
    if (flood != null) {
      flood.gauges().stream().filter(FloodStatus.GaugeStatus::hasData).forEach(g ->
          add(reasons, hasData, g.gauge().kecamatan(), "flood", level(g.reading().level())));
    }
    if (complaints != null) {
      complaints.openBreachesByKecamatan().forEach((slug, n) ->
          add(reasons, hasData, slug, "breaches", n == 0 ? Level.NORMAL : n >= MANY_BREACHES ? Level.WARNING : Level.WATCH));
    }
    if (alerts != null) {
      alerts.stream().filter(a -> a.kecamatan() != null)
          .forEach(a -> add(reasons, hasData, a.kecamatan(), "alert", Level.ofSeverity(a.severity())));
    }
    Map<String, TileStatus> out = new LinkedHashMap<>();
    reasons.forEach((slug, list) -> out.put(slug, status(list, hasData.get(slug))));
    return Collections.unmodifiableMap(out);
  }

  /** The regulation's categories: Baik and Sedang ask for nothing; each step above asks for more. */
  static Level level(AirQualityIndex.Category category) {
    return switch (category) {
      case BAIK, SEDANG -> Level.NORMAL;
      case TIDAK_SEHAT -> Level.WATCH;
      case SANGAT_TIDAK_SEHAT -> Level.WARNING;
      case BERBAHAYA -> Level.DANGER;
    };
  }

  /** Siaga 3 (waspada) watch, siaga 2 (siaga) warning, siaga 1 (awas) danger. */
  static Level level(FloodLevel flood) {
    return switch (flood) {
      case NORMAL -> Level.NORMAL;
      case SIAGA_3 -> Level.WATCH;
      case SIAGA_2 -> Level.WARNING;
      case SIAGA_1 -> Level.DANGER;
    };
  }

  /** Data of a kecamatan that is not configured (any more) raises no tile. */
  private static void add(Map<String, List<Reason>> reasons, Map<String, Boolean> hasData, String slug, String kind,
                          Level level) {
    List<Reason> of = reasons.get(slug);
    if (of == null) {
      return;
    }
    hasData.put(slug, true);
    if (level.compareTo(Level.WATCH) >= 0) {
      of.add(new Reason(kind, level));
    }
  }

  private static void thin(Map<String, List<Reason>> reasons, Map<String, Boolean> hasData, String slug) {
    List<Reason> of = reasons.get(slug);
    if (of == null) {
      return;
    }
    hasData.put(slug, true);
    if (of.stream().noneMatch(r -> r.kind().equals("thin_data"))) {
      of.add(new Reason("thin_data", Level.INSUFFICIENT));
    }
  }

  private static TileStatus status(List<Reason> reasons, boolean hasData) {
    if (reasons.isEmpty()) {
      return hasData ? NORMAL : NO_DATA;
    }
    List<Reason> worstFirst = new ArrayList<>(reasons);
    worstFirst.sort((a, b) -> b.level().compareTo(a.level()));
    return new TileStatus(worstFirst.get(0).level(), List.copyOf(worstFirst));
  }
}
