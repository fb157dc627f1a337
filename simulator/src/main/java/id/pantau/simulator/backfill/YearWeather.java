package id.pantau.simulator.backfill;

import id.pantau.simulator.scenario.Scenario;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Bandung's weather over a long stretch, minute by minute: afternoon thunderstorms, frequent in
 * the wet season (November to April) and rare in the dry (June to September), over some or all of
 * the city's zones; the river gauges' levels that follow them; and a day-to-day factor for the
 * air (stagnant dry-season days are dustier, wet ones washed clean). The river uses the live
 * model's reservoir ({@code RiverModel}) as a recursion, so a year costs one step a minute.
 */
public final class YearWeather {
  /** As {@code RiverModel}: minutes of travel to a gauge of order 1, and per further order. */
  private static final double LAG_FIRST = 20;
  private static final double LAG_PER_ORDER = 15;
  private static final double RECESSION = 90;
  private static final double GAIN = 0.06;

  private final Timeline timeline;
  private final Map<String, float[]> rainByZone = new HashMap<>();
  private final Map<String, float[]> levelByGauge = new HashMap<>();
  private final double[] airFactorByDay;

  public YearWeather(Scenario scenario, Timeline timeline, long seed) {
    this.timeline = timeline;
    Set<String> zones = new LinkedHashSet<>();
    scenario.kecamatan().forEach(k -> zones.add(k.zone()));
    scenario.gauges().forEach(g -> zones.addAll(g.catchment()));
    zones.forEach(z -> rainByZone.put(z, new float[timeline.minutes()]));
    SplittableRandom random = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 17);
    LocalDate first = timeline.local(0).toLocalDate().minusDays(1);
    LocalDate last = timeline.local(timeline.minutes()).toLocalDate();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      storms(d, List.copyOf(zones), random);
    }
    airFactorByDay = airFactors(random);
    for (Scenario.GaugeSpec g : scenario.gauges()) {
      levelByGauge.put(g.sensor(), levels(g));
    }
  }

  /** mm/h falling on a zone during a minute. */
  public double rain(String zone, int minute) {
    float[] r = rainByZone.get(zone);
    return r == null ? 0 : r[minute];
  }

  /** The river level at a gauge in a minute, without the gauge's noise. */
  public double levelCm(String gauge, int minute) {
    return levelByGauge.get(gauge)[minute];
  }

  /** Multiplies the day's particulate levels: about 0.8 on a washed wet-season day, 1.3 on a still dry one. */
  public double airFactor(int minute) {
    return airFactorByDay[Math.min(airFactorByDay.length - 1, minute / Timeline.DAY)];
  }

  /** Chance of a storm day by month: Bandung's rainy season runs from November to April. */
  static double stormChance(Month m) {
    return switch (m) {
      case DECEMBER, JANUARY, FEBRUARY, MARCH -> 0.6;
      case NOVEMBER, APRIL -> 0.5;
      case MAY, OCTOBER -> 0.3;
      default -> 0.1;
    };
  }

  private void storms(LocalDate day, List<String> zones, SplittableRandom random) {
    if (random.nextDouble() >= stormChance(day.getMonth())) {
      return;
    }
    double startHour = 13 + 5 * random.nextDouble();
    double duration = 40 + 160 * random.nextDouble();
    // most storms are showers; one in ten is a downpour that floods the rivers
    double peak = Math.min(95, 8 + -14 * Math.log(1 - random.nextDouble()));
    for (String zone : zones) {
      if (random.nextDouble() < 0.75) {
        double start = timeline.minuteOf(LocalDateTime.of(day, LocalTime.MIDNIGHT)) + startHour * 60
            + (random.nextDouble() - 0.5) * 60;
        add(rainByZone.get(zone), start, duration, peak * (0.6 + 0.7 * random.nextDouble()));
      }
    }
  }

  private void add(float[] rain, double start, double duration, double peak) {
    Scenario.RainEvent e = new Scenario.RainEvent(start, duration, peak, List.of());
    int from = Math.max(0, (int) Math.floor(start));
    int to = Math.min(rain.length, (int) Math.ceil(start + duration) + 1);
    for (int m = from; m < to; m++) {
      rain[m] += (float) e.intensityAt(m);
    }
  }

  private double[] airFactors(SplittableRandom random) {
    double[] f = new double[timeline.days() + 1];
    double x = 0;
    for (int d = 0; d < f.length; d++) {
      x = 0.7 * x + 0.15 * random.nextGaussian();
      Month m = timeline.local((double) d * Timeline.DAY).getMonth();
      double season = stormChance(m) < 0.2 ? 1.2 : stormChance(m) > 0.4 ? 0.85 : 1.0;
      f[d] = season * Math.exp(x);
    }
    return f;
  }

  private float[] levels(Scenario.GaugeSpec g) {
    int lag = (int) Math.round(LAG_FIRST + LAG_PER_ORDER * (g.order() - 1));
    double decay = Math.exp(-1 / RECESSION);
    float[] level = new float[timeline.minutes()];
    double rise = 0;
    for (int m = 0; m < level.length; m++) {
      int arriving = m - lag;
      double rain = 0;
      if (arriving >= 0) {
        for (String z : g.catchment()) {
          rain += rain(z, arriving);
        }
        rain /= g.catchment().size();
      }
      rise = rise * decay + rain;
      level[m] = (float) (g.baseCm() + GAIN * rise);
    }
    return level;
  }
}
