package id.pantau.simulator.backfill;

import id.pantau.simulator.model.DailyPatterns;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.SensorType;
import id.pantau.wire.Metric;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A kecamatan's minute rollups as its gateway's sensors would have produced them: every sensor
 * samples on its own interval (out of phase with the others), each reading follows the live
 * model's daily patterns with the sensor's bias and noise, rounded to 0.1 as sent; a minute's
 * row holds their count, sum, min and max, exactly as the ingest path sums them. Minutes when the
 * gateway was away have no row. Rows come out one kecamatan-day at a time.
 */
public final class TelemetryHistory {
  /** A sensor's metric: its phase, interval, character, and how its readings come out. */
  private record Slot(Metric metric, int offsetSeconds, int intervalSeconds, double bias, boolean faulty,
                      Scenario.GaugeSpec gauge) {
  }

  private final Timeline timeline;
  private final YearWeather weather;
  private final Outages outages;
  private final long seed;
  private final Map<String, List<List<Slot>>> slotsByKecamatan = new HashMap<>();
  private final Map<String, String> zones = new HashMap<>();
  private final Map<String, double[]> pm25Sum = new HashMap<>();
  private final Map<String, int[]> pm25Minutes = new HashMap<>();

  public TelemetryHistory(Scenario scenario, Timeline timeline, YearWeather weather, Outages outages, long seed) {
    this.timeline = timeline;
    this.weather = weather;
    this.outages = outages;
    this.seed = seed;
    for (Scenario.KecamatanSpec k : scenario.kecamatan()) {
      zones.put(k.slug(), k.zone());
      slotsByKecamatan.put(k.slug(), slots(scenario, k));
      pm25Sum.put(k.slug(), new double[(timeline.minutes() + 59) / 60]);
      pm25Minutes.put(k.slug(), new int[(timeline.minutes() + 59) / 60]);
    }
  }

  /** The slots of each metric the kecamatan reports, grouped by metric, in catalogue order. */
  private List<List<Slot>> slots(Scenario scenario, Scenario.KecamatanSpec k) {
    SplittableRandom r = new SplittableRandom(seed ^ k.slug().hashCode() * 0xC2B2AE3D27D4EB4FL);
    Map<Metric, List<Slot>> byMetric = new EnumMap<>(Metric.class);
    k.sensors().forEach((type, count) -> {
      int interval = scenario.intervalSeconds(type);
      for (int i = 0; i < count; i++) {
        int offset = r.nextInt(interval);
        double bias = 0.85 + 0.3 * r.nextDouble();
        boolean faulty = r.nextDouble() < 0.03;
        for (Metric m : type.metrics()) {
          byMetric.computeIfAbsent(m, x -> new ArrayList<>()).add(new Slot(m, offset, interval, bias, faulty, null));
        }
      }
    });
    for (Scenario.GaugeSpec g : scenario.gauges()) {
      if (g.kecamatan().equals(k.slug())) {
        byMetric.computeIfAbsent(Metric.WATER_LEVEL_CM, x -> new ArrayList<>()).add(new Slot(Metric.WATER_LEVEL_CM,
            r.nextInt(60), scenario.intervalSeconds(SensorType.RIVER_GAUGE), 1, false, g));
      }
    }
    return List.copyOf(byMetric.values());
  }

  /** Where rollup rows go: a COPY stream, or a test's list. Sums, minima and maxima in tenths. */
  public interface RollupSink {
    void row(int kecamatanId, short metricId, long epochMinute, long count, long sumTenths, long minTenths,
        long maxTenths) throws java.sql.SQLException;
  }

  /**
   * Writes one kecamatan's rollup rows of one day, metric by metric, minute by minute.
   *
   * @return the number of rows
   */
  public int day(int day, String kecamatan, int kecamatanId, Map<Metric, Short> metricIds, RollupSink out)
      throws java.sql.SQLException {
    int from = day * Timeline.DAY;
    int to = Math.min(timeline.minutes(), from + Timeline.DAY);
    double[] hours = hours(from, to);
    String zone = zones.get(kecamatan);
    int rows = 0;
    for (List<Slot> slots : slotsByKecamatan.get(kecamatan)) {
      Metric metric = slots.get(0).metric();
      short metricId = metricIds.get(metric);
      SplittableRandom noise = new SplittableRandom(seed * 31 + kecamatan.hashCode() * 131L + metric.ordinal() * 7919L
          + day * 1_000_003L);
      for (int m = from; m < to; m++) {
        if (outages.away(kecamatan, m)) {
          continue;
        }
        long count = 0;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Slot s : slots) {
          int n = readingsIn(s, m);
          for (int i = 0; i < n; i++) {
            long v = Math.round(value(s, m, hours[m - from], zone, noise) * 10);
            count++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        if (count > 0) {
          out.row(kecamatanId, metricId, timeline.startEpochMinute() + m, count, sum, min, max);
          rows++;
          if (metric == Metric.PM25) {
            pm25Sum.get(kecamatan)[m / 60] += sum / 10.0 / count;
            pm25Minutes.get(kecamatan)[m / 60]++;
          }
        }
      }
    }
    return rows;
  }

  /**
   * The hourly mean PM2.5 of a kecamatan over the rows written so far (from the timeline's
   * start, in hours), NaN for an hour without data: what the ISPU alerts are judged on.
   */
  public double[] pm25Hourly(String kecamatan) {
    double[] sum = pm25Sum.get(kecamatan);
    int[] minutes = pm25Minutes.get(kecamatan);
    double[] out = new double[sum.length];
    for (int h = 0; h < out.length; h++) {
      out[h] = minutes[h] == 0 ? Double.NaN : sum[h] / minutes[h];
    }
    return out;
  }

  /** How many readings a slot took during a minute: sampled at offset + n × interval seconds. */
  private static int readingsIn(Slot s, int minute) {
    long from = minute * 60L - s.offsetSeconds();
    return (int) (Math.floorDiv(from + 59, s.intervalSeconds()) - Math.floorDiv(from - 1, s.intervalSeconds()));
  }

  private double value(Slot s, int minute, double hour, String zone, SplittableRandom noise) {
    double rain = weather.rain(zone, minute);
    double zoneTraffic = switch (zone) {
      case "central" -> 1.2;
      case "north" -> 0.85;
      default -> 1.0;
    };
    double traffic = DailyPatterns.traffic(hour) * s.bias() * zoneTraffic;
    double air = weather.airFactor(minute);
    double v = switch (s.metric()) {
      case PM25 -> DailyPatterns.pm25(hour, rain) * s.bias() * zoneTraffic * air + 3 * noise.nextGaussian();
      case PM10 -> 1.7 * DailyPatterns.pm25(hour, rain) * s.bias() * zoneTraffic * air + 5 * noise.nextGaussian();
      case NO2 -> 15 + 55 * traffic + 4 * noise.nextGaussian();
      case CO -> 400 + 1600 * traffic + 60 * noise.nextGaussian();
      case O3 -> 15 + 70 * DailyPatterns.sunlight(hour) * (rain > 0 ? 0.5 : 1) + 4 * noise.nextGaussian();
      case SO2 -> 8 + 2 * noise.nextGaussian();
      case TRAFFIC_COUNT -> Math.round(Math.max(0, 35 * s.intervalSeconds() / 60.0 * traffic
          * (1 - Math.min(0.4, rain / 100)) + (2 + 3 * traffic) * noise.nextGaussian()));
      case TRAFFIC_SPEED_KMH -> 55 - 38 * Math.min(1, traffic) - rain / 5 + 3 * noise.nextGaussian();
      case RAINFALL_MM -> rain <= 0 ? 0 : rain * s.intervalSeconds() / 3600.0 * (0.8 + 0.4 * noise.nextDouble());
      case TEMPERATURE_C -> DailyPatterns.temperature(hour, rain) + 0.4 * noise.nextGaussian();
      case HUMIDITY_PCT -> DailyPatterns.humidity(DailyPatterns.temperature(hour, rain), rain) + 1.5 * noise.nextGaussian();
      case NOISE_DB -> 48 + 26 * Math.min(1, traffic) + 2 * noise.nextGaussian();
      case STREETLIGHT_POWER_W -> DailyPatterns.dark(hour) && !s.faulty() ? 150 + 4 * noise.nextGaussian() : 0;
      case BIN_FILL_PCT -> DailyPatterns.binFill(hour, 10 * s.bias()) + noise.nextGaussian();
      case WATER_LEVEL_CM -> weather.levelCm(s.gauge().sensor(), minute) + 1.5 * noise.nextGaussian();
    };
    return switch (s.metric()) {
      case HUMIDITY_PCT, BIN_FILL_PCT -> Math.max(0, Math.min(100, v));
      default -> Math.max(0, v);
    };
  }

  private double[] hours(int from, int to) {
    double[] out = new double[to - from];
    int offset = timeline.offsetMinutes(from);
    for (int m = from; m < to; m++) {
      long local = Math.floorMod(timeline.startEpochMinute() + m + offset, Timeline.DAY);
      out[m - from] = local / 60.0;
    }
    return out;
  }
}
