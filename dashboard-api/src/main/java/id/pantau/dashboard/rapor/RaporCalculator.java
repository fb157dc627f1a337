package id.pantau.dashboard.rapor;

import id.pantau.city.City;
import id.pantau.city.Kecamatan;
import id.pantau.dashboard.kpi.ResolutionDeadlines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Computes a city's rapor from its complaint timelines, alert history and instructions. Pure:
 * no database, no clock (the caller says what "now" is), so a test can check every figure by hand.
 */
public final class RaporCalculator {
  private final City city;
  private final ResolutionDeadlines deadlines;

  public RaporCalculator(City city) {
    this.city = city;
    this.deadlines = new ResolutionDeadlines(city);
  }

  /**
   * @param input what was stored for the period and the one before (more is harmless)
   * @param asOf the moment the rapor speaks for: later events are not counted, and a target whose
   *     deadline is still ahead of it is not judged yet
   */
  public Rapor compute(RaporPeriod period, RaporInput input, Instant asOf) {
    List<ComplaintTimeline> complaints = input.complaints().stream().map(c -> new ComplaintTimeline(c, asOf))
        .filter(c -> c.createdAt() != null).toList();
    List<RaporInput.Alert> alerts = input.alerts().stream().filter(a -> !a.openedAt().isAfter(asOf))
        .map(a -> new RaporInput.Alert(a.id(), a.kecamatan(), a.rule(), a.openedAt(), upTo(a.acknowledgedAt(), asOf),
            upTo(a.clearedAt(), asOf))).toList();
    List<RaporInput.Instruction> instructions = input.instructions().stream().filter(i -> !i.sentAt().isAfter(asOf))
        .map(i -> new RaporInput.Instruction(i.id(), i.kecamatan(), i.sentAt(), upTo(i.deliveredAt(), asOf))).toList();
    List<String> categories = complaints.stream().map(ComplaintTimeline::category).collect(
        java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
    List<String> rules = alerts.stream().map(RaporInput.Alert::rule)
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
    PeriodMeasures now = measures(period, asOf);
    PeriodMeasures before = measures(period.previous(), asOf);
    List<PeriodMeasures.DayIndex> days = RiverAndAir.days(input.air());
    List<PeriodMeasures.HourLevel> hours = RiverAndAir.hours(input.waterLevels(), city.gauges());
    Map<String, List<ComplaintTimeline>> complaintsBy = byKecamatan(complaints, ComplaintTimeline::kecamatan);
    Map<String, List<RaporInput.Alert>> alertsBy = byKecamatan(alerts, RaporInput.Alert::kecamatan);
    Map<String, List<RaporInput.Instruction>> instructionsBy = byKecamatan(instructions, RaporInput.Instruction::kecamatan);
    Map<String, List<PeriodMeasures.DayIndex>> daysBy = byKecamatan(days, PeriodMeasures.DayIndex::kecamatan);
    Map<String, List<PeriodMeasures.HourLevel>> hoursBy = byKecamatan(hours, PeriodMeasures.HourLevel::kecamatan);
    Map<String, List<RaporInput.Gateway>> gatewaysBy = byKecamatan(input.gateways(), RaporInput.Gateway::kecamatan);
    Map<String, List<RaporInput.Sensor>> sensorsBy = byKecamatan(input.sensors(), RaporInput.Sensor::kecamatan);
    Map<String, List<RaporInput.DailyCount>> receivedBy = byKecamatan(input.received(), RaporInput.DailyCount::kecamatan);
    Upkeep upkeep = new Upkeep(input.presence(), city.expectedCadence(), input.batchesKeptSince());
    List<Rapor.Part> parts = new ArrayList<>();
    for (Kecamatan k : city.kecamatan()) {
      String slug = k.slug();
      Group g = new Group(complaintsBy.getOrDefault(slug, List.of()), alertsBy.getOrDefault(slug, List.of()),
          instructionsBy.getOrDefault(slug, List.of()), daysBy.getOrDefault(slug, List.of()),
          hoursBy.getOrDefault(slug, List.of()), city.gauges().stream().anyMatch(gauge -> gauge.kecamatan().equals(slug)),
          gatewaysBy.getOrDefault(slug, List.of()), sensorsBy.getOrDefault(slug, List.of()),
          receivedBy.getOrDefault(slug, List.of()));
      parts.add(part(slug, k.name(), now, before, g, categories, rules, upkeep));
    }
    Rapor.Part total = part(null, city.name(), now, before,
        new Group(complaints, alerts, instructions, days, hours, !city.gauges().isEmpty(), input.gateways(),
            input.sensors(), input.received()), categories, rules, upkeep);
    return new Rapor(city.slug(), city.timezone(), period, asOf, rank(parts), total);
  }

  /** Each kecamatan's share of a list, in the list's order; items without a kecamatan are in none. */
  private static <T> Map<String, List<T>> byKecamatan(List<T> list, java.util.function.Function<T, String> kecamatan) {
    Map<String, List<T>> out = new java.util.HashMap<>();
    for (T t : list) {
      String k = kecamatan.apply(t);
      if (k != null) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
      }
    }
    return out;
  }

  private PeriodMeasures measures(RaporPeriod p, Instant asOf) {
    return new PeriodMeasures(deadlines, p, city.timezone(), asOf);
  }

  /** What one kecamatan (or the city) is measured on. */
  private record Group(List<ComplaintTimeline> complaints, List<RaporInput.Alert> alerts,
                       List<RaporInput.Instruction> instructions, List<PeriodMeasures.DayIndex> days,
                       List<PeriodMeasures.HourLevel> hours, boolean gauged, List<RaporInput.Gateway> gateways,
                       List<RaporInput.Sensor> sensors, List<RaporInput.DailyCount> received) {
  }

  /** What the upkeep figures need beside a group's own gateways and sensors. */
  private record Upkeep(List<RaporInput.GatewayDay> presence, Map<id.pantau.wire.Metric, java.time.Duration> cadences,
                        Instant batchesKeptSince) {
  }

  private static Instant upTo(Instant t, Instant asOf) {
    return t == null || t.isAfter(asOf) ? null : t;
  }

  private static Rapor.Part part(String slug, String name, PeriodMeasures now, PeriodMeasures before, Group g,
                                 List<String> categories, List<String> rules, Upkeep u) {
    Map<String, PeriodMeasures.Measure> current = now.measure(g.complaints(), g.alerts(), g.instructions(), categories, rules);
    Map<String, PeriodMeasures.Measure> previous = before.measure(g.complaints(), g.alerts(), g.instructions(), categories,
        rules);
    now.readings(current, g.days(), g.hours(), g.gauged());
    before.readings(previous, g.days(), g.hours(), g.gauged());
    now.upkeep(current, g.gateways(), u.presence(), g.sensors(), g.received(), u.cadences(), u.batchesKeptSince());
    before.upkeep(previous, g.gateways(), u.presence(), g.sensors(), g.received(), u.cadences(), u.batchesKeptSince());
    Map<String, Rapor.Figure> figures = new LinkedHashMap<>();
    current.forEach((id, m) -> {
      Double was = previous.get(id).value();
      Double change = m.value() == null || was == null ? null : Percentiles.round(m.value() - was);
      figures.put(id, new Rapor.Figure(id, RaporFigure.of(id), m.value(), was, change, null, m.items()));
    });
    return new Rapor.Part(slug, name, figures);
  }

  /**
   * Ranks the kecamatan on each headline figure, 1 the best; equal values share a rank and the
   * next rank skips (1, 2, 2, 4). A kecamatan without a value (nothing to judge) is not ranked.
   */
  private static List<Rapor.Part> rank(List<Rapor.Part> parts) {
    if (parts.isEmpty()) {
      return parts;
    }
    Map<String, Map<String, Integer>> ranks = new LinkedHashMap<>();
    for (Rapor.Figure f : parts.get(0).figures().values()) {
      if (!f.kind().headline() || f.id().contains(":")) {
        continue;
      }
      Comparator<Double> better = f.kind().better() == RaporFigure.Better.HIGHER
          ? Comparator.reverseOrder() : Comparator.naturalOrder();
      List<Double> values = parts.stream().map(p -> p.figures().get(f.id()).value()).filter(Objects::nonNull)
          .sorted(better).toList();
      for (Rapor.Part p : parts) {
        Double v = p.figures().get(f.id()).value();
        if (v != null) {
          ranks.computeIfAbsent(p.slug(), s -> new LinkedHashMap<>()).put(f.id(), values.indexOf(v) + 1);
        }
      }
    }
    List<Rapor.Part> out = new ArrayList<>();
    for (Rapor.Part p : parts) {
      Map<String, Integer> mine = ranks.getOrDefault(p.slug(), Map.of());
      Map<String, Rapor.Figure> figures = new LinkedHashMap<>();
      p.figures().forEach((id, f) -> figures.put(id, f.withRank(mine.get(id))));
      out.add(new Rapor.Part(p.slug(), p.name(), figures));
    }
    return out;
  }
}
