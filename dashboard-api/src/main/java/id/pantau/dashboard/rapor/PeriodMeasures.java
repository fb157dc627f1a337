package id.pantau.dashboard.rapor;

import id.pantau.dashboard.kpi.AirQualityIndex;
import id.pantau.dashboard.kpi.ResolutionDeadlines;
import id.pantau.dashboard.quality.Completeness;
import id.pantau.wire.Metric;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The figures of one period, for one group of complaints, alerts and instructions (a kecamatan's,
 * or the city's): each a value and the items it was computed from.
 */
final class PeriodMeasures {
  record Measure(Double value, List<Rapor.Item> items) {
  }

  /** A kecamatan's ISPU for one local day: the higher of its PM2.5 and PM10 indices of the day's means. */
  record DayIndex(String kecamatan, LocalDate day, int index) {
  }

  /**
   * A kecamatan's river in one clock hour: its highest level and the siaga level it reached
   * (0 none, 1 siaga 3, 2 siaga 2, 3 siaga 1: higher is worse).
   */
  record HourLevel(String kecamatan, Instant hour, double maxCm, int severity) {
  }

  /** The ISPU categories, in the order and with the names the figures use. */
  static final List<String> ISPU_CATEGORIES = List.of("baik", "sedang", "tidak_sehat", "sangat_tidak_sehat", "berbahaya");
  static final List<String> SIAGA_LEVELS = List.of("siaga_3", "siaga_2", "siaga_1");

  private final ResolutionDeadlines deadlines;
  private final Instant start;
  private final Instant end;
  private final Instant asOf;
  private final RaporPeriod period;

  PeriodMeasures(ResolutionDeadlines deadlines, RaporPeriod period, ZoneId zone, Instant asOf) {
    this.deadlines = deadlines;
    this.period = period;
    this.start = period.start(zone);
    this.end = period.end(zone);
    this.asOf = asOf;
  }

  /**
   * @param categories every complaint category the rapor shows (a figure per category even where this group has none)
   * @param rules every alert rule it shows
   */
  Map<String, Measure> measure(List<ComplaintTimeline> complaints, List<RaporInput.Alert> alerts,
                               List<RaporInput.Instruction> instructions, List<String> categories, List<String> rules) {
    Map<String, Measure> out = new LinkedHashMap<>();
    List<ComplaintTimeline> received = complaints.stream().filter(c -> within(c.createdAt())).toList();
    List<ComplaintTimeline> resolved = complaints.stream().filter(c -> within(c.resolvedAt())).toList();
    out.put(RaporFigure.COMPLAINTS_RECEIVED.id(), count(received.stream().map(c -> item(c.id())).toList()));
    out.put(RaporFigure.COMPLAINTS_RESOLVED.id(), count(resolved.stream().map(c -> item(c.id())).toList()));
    targets(out, RaporFigure.VERIFICATION_MET_PCT, received, categories, this::verification);
    targets(out, RaporFigure.FOLLOWUP_MET_PCT, received, categories, this::followUp);
    List<Rapor.Item> times = resolved.stream()
        .map(c -> new Rapor.Item(c.id(), hours(c.createdAt(), c.resolvedAt()), null)).toList();
    out.put(RaporFigure.RESOLVE_HOURS_MEDIAN.id(), times(times, 0.5));
    out.put(RaporFigure.RESOLVE_HOURS_P90.id(), times(times, 0.9));
    out.put(RaporFigure.BACKLOG_START.id(), count(complaints.stream().filter(c -> c.openAt(start)).map(c -> item(c.id())).toList()));
    out.put(RaporFigure.BACKLOG_END.id(), count(complaints.stream().filter(c -> c.openAt(end)).map(c -> item(c.id())).toList()));
    alerts(out, alerts.stream().filter(a -> within(a.openedAt())).toList(), rules);
    List<RaporInput.Instruction> sent = instructions.stream().filter(i -> within(i.sentAt())).toList();
    out.put(RaporFigure.INSTRUCTIONS_SENT.id(), count(sent.stream().map(i -> item(String.valueOf(i.id()))).toList()));
    out.put(RaporFigure.INSTRUCTIONS_DELIVERED.id(), count(sent.stream().filter(i -> i.deliveredAt() != null)
        .map(i -> item(String.valueOf(i.id()))).toList()));
    return out;
  }

  /**
   * Days per ISPU category and hours per siaga level. Where several kecamatan are measured
   * together (the city), a day counts at the worst kecamatan's category and an hour at the
   * highest siaga level any reached.
   *
   * @param gauged whether the group has a river gauge at all (without one, siaga hours are null, not 0)
   */
  void readings(Map<String, Measure> out, List<DayIndex> days, List<HourLevel> hours, boolean gauged) {
    Map<LocalDate, DayIndex> worstDay = new TreeMap<>();
    days.stream().filter(d -> !d.day().isBefore(period.first()) && !d.day().isAfter(period.last()))
        .forEach(d -> worstDay.merge(d.day(), d, (a, b) -> a.index() >= b.index() ? a : b));
    out.put(RaporFigure.ISPU_DAYS.id(), count(worstDay.values().stream().map(PeriodMeasures::dayItem).toList()));
    for (int c = 0; c < ISPU_CATEGORIES.size(); c++) {
      int category = c;
      out.put(RaporFigure.ISPU_DAYS.id() + ":" + ISPU_CATEGORIES.get(c), count(worstDay.values().stream()
          .filter(d -> AirQualityIndex.Category.of(d.index()).ordinal() == category).map(PeriodMeasures::dayItem).toList()));
    }
    out.put(RaporFigure.ISPU_UNHEALTHY_DAYS.id(), count(worstDay.values().stream()
        .filter(d -> AirQualityIndex.Category.of(d.index()).ordinal() >= AirQualityIndex.Category.TIDAK_SEHAT.ordinal())
        .map(PeriodMeasures::dayItem).toList()));
    Map<Instant, HourLevel> worstHour = new TreeMap<>();
    hours.stream().filter(h -> within(h.hour()) && h.severity() > 0)
        .forEach(h -> worstHour.merge(h.hour(), h, (a, b) -> a.severity() > b.severity()
            || (a.severity() == b.severity() && a.maxCm() >= b.maxCm()) ? a : b));
    out.put(RaporFigure.SIAGA_HOURS.id(), hoursAt(worstHour, 0, gauged));
    for (int level = 1; level <= SIAGA_LEVELS.size(); level++) {
      out.put(RaporFigure.SIAGA_HOURS.id() + ":" + SIAGA_LEVELS.get(level - 1), hoursAt(worstHour, level, gauged));
    }
  }

  /**
   * Gateway uptime and data completeness over the period (up to {@code asOf}).
   *
   * <p>Uptime: per gateway, the share of the period's {@value RaporInput#SLOT_MINUTES}-minute slots
   * since its creation in which it stored at least one batch; the group's figure is the mean over its
   * gateways. Null without gateways, or when the period starts before {@code batchesKeptSince} (the
   * retention has deleted the batches that would show presence).
   *
   * <p>Completeness: readings received (the rollups' counts of the metrics with a declared cadence)
   * over readings expected (for each sensor and metric it reports with a declared cadence, the part
   * of the period since the sensor was first seen divided by the cadence), as {@link Completeness}
   * computes it for the quality view. Null when nothing was expected.
   */
  void upkeep(Map<String, Measure> out, List<RaporInput.Gateway> gateways, List<RaporInput.GatewayDay> presence,
              List<RaporInput.Sensor> sensors, List<RaporInput.DailyCount> received, Map<Metric, Duration> cadences,
              Instant batchesKeptSince) {
    Instant until = asOf.isBefore(end) ? asOf : end;
    long slot = RaporInput.SLOT_MINUTES * 60L;
    Map<String, Integer> up = new java.util.HashMap<>();
    presence.stream().filter(d -> !d.day().isBefore(period.first()) && !d.day().isAfter(period.last()))
        .forEach(d -> up.merge(d.gateway(), d.slots(), Integer::sum));
    List<Rapor.Item> gatewayItems = new ArrayList<>();
    boolean kept = batchesKeptSince == null || !start.isBefore(batchesKeptSince);
    for (RaporInput.Gateway g : gateways) {
      Instant from = g.createdAt() != null && g.createdAt().isAfter(start) ? g.createdAt() : start;
      long first = Math.floorDiv(from.getEpochSecond(), slot);
      long last = Math.floorDiv(until.getEpochSecond() + slot - 1, slot);
      if (last > first) {
        double pct = Math.min(100.0, 100.0 * up.getOrDefault(g.id(), 0) / (last - first));
        gatewayItems.add(new Rapor.Item(g.id(), Percentiles.round(pct), null));
      }
    }
    out.put(RaporFigure.GATEWAY_UPTIME_PCT.id(), new Measure(!kept || gatewayItems.isEmpty() ? null
        : Percentiles.round(gatewayItems.stream().mapToDouble(Rapor.Item::value).average().orElseThrow()),
        kept ? gatewayItems : List.of()));
    List<Completeness.Expectation> expectations = new ArrayList<>();
    List<Rapor.Item> sensorItems = new ArrayList<>();
    for (RaporInput.Sensor sensor : sensors) {
      for (String name : sensor.metrics()) {
        Metric metric = Metric.byWireName(name);
        Duration cadence = metric == null ? null : cadences.get(metric);
        if (cadence == null) {
          continue;
        }
        Completeness.Expectation e = new Completeness.Expectation(sensor.firstSeen(), cadence);
        double expected = Completeness.of(start, until, List.of(e), 0).expected();
        if (expected > 0) {
          expectations.add(e);
          sensorItems.add(new Rapor.Item(sensor.id() + "/" + name, Percentiles.round(expected), null));
        }
      }
    }
    long got = received.stream().filter(r -> !r.day().isBefore(period.first()) && !r.day().isAfter(period.last()))
        .filter(r -> Metric.byWireName(r.metric()) != null && cadences.containsKey(Metric.byWireName(r.metric())))
        .mapToLong(RaporInput.DailyCount::count).sum();
    out.put(RaporFigure.DATA_COMPLETENESS_PCT.id(),
        new Measure(Completeness.of(start, until, expectations, got).percent(), sensorItems));
  }

  /** @param severity 0: at any siaga level */
  private static Measure hoursAt(Map<Instant, HourLevel> hours, int severity, boolean gauged) {
    List<Rapor.Item> items = hours.values().stream().filter(h -> severity == 0 || h.severity() == severity)
        .map(h -> new Rapor.Item(h.hour().toString(), h.maxCm(), null)).toList();
    return new Measure(gauged ? (double) items.size() : null, items);
  }

  private static Rapor.Item dayItem(DayIndex d) {
    return new Rapor.Item(d.day().toString(), (double) d.index(), null);
  }

  private void alerts(Map<String, Measure> out, List<RaporInput.Alert> opened, List<String> rules) {
    out.put(RaporFigure.ALERTS_OPENED.id(), count(opened.stream().map(a -> item(String.valueOf(a.id()))).toList()));
    for (String rule : rules) {
      out.put(RaporFigure.ALERTS_OPENED.id() + ":" + rule, count(opened.stream().filter(a -> a.rule().equals(rule))
          .map(a -> item(String.valueOf(a.id()))).toList()));
    }
    List<Rapor.Item> ack = opened.stream().filter(a -> a.acknowledgedAt() != null)
        .map(a -> new Rapor.Item(String.valueOf(a.id()), minutes(a.openedAt(), a.acknowledgedAt()), null)).toList();
    out.put(RaporFigure.ACK_MINUTES_MEDIAN.id(), times(ack, 0.5));
    out.put(RaporFigure.ACK_MINUTES_P90.id(), times(ack, 0.9));
    List<Rapor.Item> clear = opened.stream().filter(a -> a.clearedAt() != null)
        .map(a -> new Rapor.Item(String.valueOf(a.id()), minutes(a.openedAt(), a.clearedAt()), null)).toList();
    out.put(RaporFigure.CLEAR_MINUTES_MEDIAN.id(), times(clear, 0.5));
    out.put(RaporFigure.CLEAR_MINUTES_P90.id(), times(clear, 0.9));
    out.put(RaporFigure.ALERTS_UNACKNOWLEDGED.id(), count(opened.stream().filter(a -> a.acknowledgedAt() == null)
        .map(a -> item(String.valueOf(a.id()))).toList()));
  }

  /** Whether a complaint met a target: true, false, or null while its deadline is still ahead and it has not. */
  private interface Judge {
    Boolean met(ComplaintTimeline c);
  }

  private void targets(Map<String, Measure> out, RaporFigure figure, List<ComplaintTimeline> received,
                       List<String> categories, Judge judge) {
    out.put(figure.id(), percentMet(received, c -> true, judge));
    for (String category : categories) {
      out.put(figure.id() + ":" + category, percentMet(received, c -> c.category().equals(category), judge));
    }
  }

  private static Measure percentMet(List<ComplaintTimeline> received, Predicate<ComplaintTimeline> which, Judge judge) {
    List<Rapor.Item> judged = new ArrayList<>();
    for (ComplaintTimeline c : received) {
      Boolean met = which.test(c) ? judge.met(c) : null;
      if (met != null) {
        judged.add(new Rapor.Item(c.id(), null, met));
      }
    }
    long met = judged.stream().filter(Rapor.Item::met).count();
    return new Measure(judged.isEmpty() ? null : Percentiles.round(100.0 * met / judged.size()), judged);
  }

  private Boolean verification(ComplaintTimeline c) {
    return judge(c.verifiedAt(), deadlines.verificationDeadline(c.createdAt()));
  }

  private Boolean followUp(ComplaintTimeline c) {
    return judge(c.resolvedAt(), deadlines.deadline(c.createdAt(), c.category()));
  }

  private Boolean judge(Instant done, Instant deadline) {
    if (done != null) {
      return !done.isAfter(deadline);
    }
    return asOf.isAfter(deadline) ? Boolean.FALSE : null;
  }

  private boolean within(Instant t) {
    return t != null && !t.isBefore(start) && t.isBefore(end);
  }

  private static Measure count(List<Rapor.Item> items) {
    return new Measure((double) items.size(), items);
  }

  private static Measure times(List<Rapor.Item> items, double p) {
    return new Measure(Percentiles.round(Percentiles.of(items.stream().map(Rapor.Item::value).toList(), p)), items);
  }

  private static Rapor.Item item(String id) {
    return new Rapor.Item(id, null, null);
  }

  private static double hours(Instant from, Instant to) {
    return Percentiles.round(Duration.between(from, to).toSeconds() / 3600.0);
  }

  private static double minutes(Instant from, Instant to) {
    return Percentiles.round(Duration.between(from, to).toSeconds() / 60.0);
  }
}
