package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Scenario;
import id.pantau.wire.ComplaintEvent;
import id.pantau.wire.ComplaintEvent.Lifecycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Citizens' complaints per kecamatan: a steady background of everyday categories, and
 * {@code banjir} reports that rise with the river levels of the kecamatan's gauges. Each
 * complaint walks its lifecycle (verified and dispatched, worked on, resolved, closed; a few
 * rejected) with delays drawn in model minutes, so a sped-up run shows whole lifecycles.
 *
 * <p>One instance per kecamatan; not thread-safe (its gateway's event loop drives it).
 */
public final class ComplaintGenerator {
  private static final String[] CATEGORIES = {"sampah", "jalan_rusak", "pju_mati", "kemacetan", "pohon_tumbang",
      "kebakaran", "keamanan", "air_bersih", "lainnya", "banjir"};
  private static final double[] WEIGHTS = {0.25, 0.18, 0.12, 0.12, 0.06, 0.02, 0.07, 0.08, 0.07, 0.03};
  private static final String[] CHANNELS = {"lapor", "hotline_112", "app", "sms", "walk_in", "social_media"};
  /** Banjir reports per model hour from a kecamatan whose gauge stands at siaga 1. */
  static final double FLOOD_REPORTS_PER_HOUR = 12;

  private record Pending(double minute, ComplaintEvent event) {
  }

  private final Scenario.KecamatanSpec kecamatan;
  private final List<Scenario.GaugeSpec> gauges;
  private final CityModel model;
  private final SplittableRandom random;
  private final String idPrefix;
  private final double backgroundPerHour;
  private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> Double.compare(a.minute, b.minute));
  private final Map<String, Integer> createdByCategory = new HashMap<>();
  private double steppedTo;
  private int created;

  /**
   * @param idPrefix makes complaint ids unique across runs, e.g. the run's start in seconds
   */
  public ComplaintGenerator(Scenario scenario, Scenario.KecamatanSpec kecamatan, CityModel model, long seed,
      String idPrefix) {
    this.kecamatan = kecamatan;
    this.gauges = scenario.gauges().stream().filter(g -> g.kecamatan().equals(kecamatan.slug())).toList();
    this.model = model;
    this.random = new SplittableRandom(seed ^ kecamatan.slug().hashCode() * 31L);
    this.idPrefix = idPrefix;
    this.backgroundPerHour = scenario.complaintsPerKecamatanPerHour();
  }

  /** Every event that has happened by this wall-clock time and was not handed out yet, oldest first. */
  public List<ComplaintEvent> due(long wallMillis) {
    double now = model.clock().minuteAt(wallMillis);
    while (steppedTo + 1 <= now) {
      step(steppedTo);
      steppedTo += 1;
    }
    List<ComplaintEvent> out = new ArrayList<>();
    while (!queue.isEmpty() && queue.peek().minute <= now) {
      out.add(queue.poll().event);
    }
    return out;
  }

  public int created() {
    return created;
  }

  public Map<String, Integer> createdByCategory() {
    return Map.copyOf(createdByCategory);
  }

  /** Banjir reports per model hour at a model minute, from how far the gauges are into siaga. */
  public double floodRatePerHour(double minute) {
    double rate = 0;
    for (Scenario.GaugeSpec g : gauges) {
      double level = model.river().levelCm(g, minute);
      rate += FLOOD_REPORTS_PER_HOUR * RiverModel.floodSeverity(g, level);
    }
    return rate;
  }

  private void step(double minute) {
    int background = poisson(backgroundPerHour / 60.0);
    for (int i = 0; i < background; i++) {
      open(minute + random.nextDouble(), pickCategory());
    }
    int floods = poisson(floodRatePerHour(minute) / 60.0);
    for (int i = 0; i < floods; i++) {
      open(minute + random.nextDouble(), "banjir");
    }
  }

  private void open(double minute, String category) {
    String id = idPrefix + "-" + kecamatan.slug() + "-" + (++created);
    createdByCategory.merge(category, 1, Integer::sum);
    boolean urgent = category.equals("banjir") || category.equals("kebakaran");
    queue.add(new Pending(minute, new ComplaintEvent(id, Lifecycle.CREATED, model.clock().wallMillisAt(minute),
        category, kecamatan.slug(), null, null, CHANNELS[random.nextInt(CHANNELS.length)],
        urgent ? "high" : "normal", describe(category))));
    if (random.nextDouble() < 0.05) {
      later(id, Lifecycle.REJECTED, minute + uniform(30, 240));
      return;
    }
    double dispatched = minute + uniform(10, urgent ? 30 : 120);
    double working = dispatched + uniform(15, urgent ? 60 : 180);
    double resolved = working + uniform(urgent ? 30 : 60, urgent ? 300 : 2880);
    later(id, Lifecycle.DISPATCHED, dispatched);
    later(id, Lifecycle.IN_PROGRESS, working);
    later(id, Lifecycle.RESOLVED, resolved);
    later(id, Lifecycle.CLOSED, resolved + uniform(60, 720));
  }

  private void later(String id, Lifecycle event, double minute) {
    queue.add(new Pending(minute, new ComplaintEvent(id, event, model.clock().wallMillisAt(minute),
        null, null, null, null, null, null, null)));
  }

  private String pickCategory() {
    double r = random.nextDouble();
    for (int i = 0; i < WEIGHTS.length; i++) {
      r -= WEIGHTS[i];
      if (r <= 0) {
        return CATEGORIES[i];
      }
    }
    return "lainnya";
  }

  /** What a citizen writes about a category, in Indonesian; also used by the backfill. */
  public static String describe(String category) {
    return switch (category) {
      case "banjir" -> "Air meluap ke jalan dan rumah warga";
      case "sampah" -> "Sampah menumpuk belum diangkut";
      case "jalan_rusak" -> "Jalan berlubang membahayakan pengendara";
      case "pju_mati" -> "Lampu penerangan jalan mati";
      case "kemacetan" -> "Macet parah di persimpangan";
      case "pohon_tumbang" -> "Pohon tumbang menutup jalan";
      case "kebakaran" -> "Kebakaran rumah warga";
      case "keamanan" -> "Gangguan keamanan di lingkungan";
      case "air_bersih" -> "Air PDAM tidak mengalir";
      default -> "Laporan warga";
    };
  }

  private double uniform(double from, double to) {
    return from + random.nextDouble() * (to - from);
  }

  /** Knuth's method: fine for the small means of one model minute. */
  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }
}
