package id.pantau.simulator.backfill;

import id.pantau.simulator.model.ComplaintGenerator;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.wire.ComplaintEvent.Lifecycle;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Citizens' complaints over the backfilled stretch, each with its whole lifecycle as SP4N-LAPOR!
 * handles one: received at any hour (fewer at weekends), verified and dispatched, worked on and
 * resolved in office hours (Monday to Friday, 08:00 to 16:00) — most within the targets of 3
 * working days to verify and 5 to follow up, a tail beyond them — then closed by the citizen or
 * the system days later; 1 in 20 rejected, about 1 in 16 resolutions reopened and worked on again.
 * Floods, fires and fallen trees are handled at once, weekends and nights included, and flood
 * reports arrive while the kecamatan's river stands above siaga 3. Events after the stretch's end
 * have not happened yet: such complaints are still open.
 */
public final class ComplaintHistory {
  /** Everyday complaints per kecamatan per weekday (weekends fewer). */
  static final double PER_KECAMATAN_PER_DAY = 3.0;
  /** Flood reports per hour from a kecamatan whose gauge stands at siaga 1, as the live model. */
  static final double FLOOD_REPORTS_PER_HOUR = 12;
  private static final String[] CATEGORIES = {"sampah", "jalan_rusak", "pju_mati", "kemacetan", "pohon_tumbang",
      "kebakaran", "keamanan", "air_bersih", "lainnya"};
  private static final double[] WEIGHTS = {0.26, 0.19, 0.13, 0.12, 0.05, 0.02, 0.08, 0.08, 0.07};
  private static final String[] CHANNELS = {"lapor", "app", "hotline_112", "social_media", "walk_in", "sms"};
  private static final double[] CHANNEL_WEIGHTS = {0.45, 0.2, 0.1, 0.1, 0.1, 0.05};
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  /** One lifecycle event at a moment (ms since 1970). */
  public record Event(Lifecycle event, long ts) {
  }

  /** A complaint and its events, oldest first, strictly ordered. */
  public record Complaint(String id, String kecamatan, String category, String channel, String priority,
                          String text, List<Event> events) {
    public long createdAt() {
      return events.get(0).ts();
    }
  }

  private final Timeline timeline;
  private final YearWeather weather;
  private final List<Scenario.GaugeSpec> gauges;
  private final long seed;

  public ComplaintHistory(Scenario scenario, Timeline timeline, YearWeather weather, long seed) {
    this.timeline = timeline;
    this.weather = weather;
    this.gauges = scenario.gauges();
    this.seed = seed;
  }

  /** Every complaint of a kecamatan received during the stretch, oldest first. */
  public List<Complaint> of(String kecamatan) {
    SplittableRandom r = new SplittableRandom(seed ^ kecamatan.hashCode() * 0x632BE59BD9B4E019L ^ 0xC0);
    List<Complaint> out = new ArrayList<>();
    LocalDate last = timeline.local(timeline.minutes()).toLocalDate();
    for (LocalDate date = timeline.local(0).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
      double midnight = timeline.minuteOf(date.atStartOfDay());
      List<Double> minutes = new ArrayList<>();
      List<String> categories = new ArrayList<>();
      double weekend = WorkingHours.isWorkingDay(date.atStartOfDay()) ? 1.0 : 0.6;
      int n = poisson(r, PER_KECAMATAN_PER_DAY * weekend);
      for (int i = 0; i < n; i++) {
        double hour = r.nextDouble() < 0.8 ? 7 + 15 * r.nextDouble() : 24 * r.nextDouble();
        minutes.add(midnight + hour * 60);
        categories.add(pick(r, CATEGORIES, WEIGHTS));
      }
      floods(kecamatan, midnight, r, minutes, categories);
      int seq = 0;
      for (int i = 0; i < minutes.size(); i++) {
        double m = minutes.get(i);
        if (m >= 0 && m < timeline.minutes()) {
          String id = "bf-" + kecamatan + "-" + date.format(DAY) + "-" + (++seq);
          out.add(lifecycle(id, kecamatan, categories.get(i), m, r));
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.createdAt(), b.createdAt()));
    return out;
  }

  /** Flood reports, hour by hour of a local day, at a rate that grows with the gauges' siaga level. */
  private void floods(String kecamatan, double midnight, SplittableRandom r, List<Double> minutes,
      List<String> categories) {
    for (int hour = 0; hour < 24; hour++) {
      int minute = (int) Math.floor(midnight + hour * 60 + 30);
      if (minute < 0 || minute >= timeline.minutes()) {
        continue;
      }
      double rate = 0;
      for (Scenario.GaugeSpec g : gauges) {
        if (g.kecamatan().equals(kecamatan)) {
          double level = weather.levelCm(g.sensor(), minute);
          rate += FLOOD_REPORTS_PER_HOUR
              * Math.max(0, Math.min(1, (level - g.siaga3Cm()) / (g.siaga1Cm() - g.siaga3Cm())));
        }
      }
      int n = rate > 0 ? poisson(r, rate) : 0;
      for (int i = 0; i < n; i++) {
        minutes.add(midnight + hour * 60 + 60 * r.nextDouble());
        categories.add("banjir");
      }
    }
  }

  private Complaint lifecycle(String id, String kecamatan, String category, double minute, SplittableRandom r) {
    ZoneId zone = timeline.zone();
    boolean urgent = category.equals("banjir") || category.equals("kebakaran") || category.equals("pohon_tumbang");
    Lifecycles steps = new Lifecycles(timeline.local(minute), zone);
    steps.add(Lifecycle.CREATED, timeline.local(minute));
    if (r.nextDouble() < 0.05) {
      steps.add(Lifecycle.REJECTED, office(steps.last(), 300, 1.0, r));
    } else {
      steps.add(Lifecycle.DISPATCHED, urgent ? steps.last().plusMinutes(5 + r.nextInt(40)) : office(steps.last(), 300, 1.2, r));
      steps.add(Lifecycle.IN_PROGRESS, urgent ? steps.last().plusMinutes(10 + r.nextInt(50)) : office(steps.last(), 240, 1.2, r));
      steps.add(Lifecycle.RESOLVED, urgent ? steps.last().plusMinutes(60 + r.nextInt(420)) : office(steps.last(), 900, 1.0, r));
      if (r.nextDouble() < 0.06) {
        steps.add(Lifecycle.REOPENED, steps.last().plusMinutes(720 + r.nextInt(5040)));
        steps.add(Lifecycle.IN_PROGRESS, office(steps.last(), 240, 1.0, r));
        steps.add(Lifecycle.RESOLVED, office(steps.last(), 600, 1.0, r));
      }
      if (r.nextDouble() < 0.9) {
        steps.add(Lifecycle.CLOSED, steps.last().plusMinutes(1440 + r.nextInt(4 * 1440)));
      }
    }
    List<Event> events = steps.before(timeline.end().toEpochMilli());
    String channel = category.equals("banjir") && r.nextBoolean() ? "hotline_112" : pick(r, CHANNELS, CHANNEL_WEIGHTS);
    return new Complaint(id, kecamatan, category, channel, urgent ? "high" : "normal",
        ComplaintGenerator.describe(category), events);
  }

  /** Office time after {@code from}: log-normal working minutes around a median. */
  private static LocalDateTime office(LocalDateTime from, double medianMinutes, double sigma, SplittableRandom r) {
    return WorkingHours.plus(from, medianMinutes * Math.exp(sigma * r.nextGaussian()));
  }

  /** Builds a lifecycle; each event at least a minute after the one before. */
  private static final class Lifecycles {
    private final ZoneId zone;
    private final List<Event> events = new ArrayList<>();
    private LocalDateTime last;

    Lifecycles(LocalDateTime start, ZoneId zone) {
      this.zone = zone;
      this.last = start.minusMinutes(1);
    }

    void add(Lifecycle e, LocalDateTime at) {
      LocalDateTime t = at.isAfter(last) ? at : last.plusMinutes(1);
      events.add(new Event(e, t.atZone(zone).toInstant().toEpochMilli()));
      last = t;
    }

    LocalDateTime last() {
      return last;
    }

    List<Event> before(long endMillis) {
      return events.stream().filter(e -> e.ts() < endMillis).toList();
    }
  }

  private static String pick(SplittableRandom r, String[] names, double[] weights) {
    double x = r.nextDouble();
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x <= 0) {
        return names[i];
      }
    }
    return names[names.length - 1];
  }

  private static int poisson(SplittableRandom r, double mean) {
    double limit = Math.exp(-mean);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }
}
