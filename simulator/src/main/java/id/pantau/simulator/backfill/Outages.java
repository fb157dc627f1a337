package id.pantau.simulator.backfill;

import id.pantau.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When each kecamatan's gateway was away: about twice a month, mostly for minutes (a power cut,
 * a router restart), sometimes for hours. Its readings are missing from the rollups then (data
 * completeness), the gateway-offline alert opens after ten minutes, and instructions reach it
 * when it is back.
 */
public final class Outages {
  /** A stretch of minutes [from, to) without the gateway. */
  public record Outage(int from, int to) {
    public int minutes() {
      return to - from;
    }
  }

  private final Map<String, List<Outage>> byKecamatan = new HashMap<>();
  private final Map<String, boolean[]> down = new HashMap<>();

  public Outages(Scenario scenario, Timeline timeline, long seed) {
    for (Scenario.KecamatanSpec k : scenario.kecamatan()) {
      SplittableRandom random = new SplittableRandom(seed ^ (k.slug().hashCode() * 0x9E3779B97F4A7C15L) ^ 0x0FF1);
      List<Outage> list = new ArrayList<>();
      boolean[] away = new boolean[timeline.minutes()];
      for (int day = 0; day < timeline.days(); day++) {
        if (random.nextDouble() < 1 / 15.0) {
          int from = day * Timeline.DAY + random.nextInt(Timeline.DAY);
          // log-normal: a median of 15 minutes, one in twenty over two hours
          int length = (int) Math.max(1, Math.min(720, Math.round(15 * Math.exp(1.3 * random.nextGaussian()))));
          int to = Math.min(timeline.minutes(), from + length);
          if (from < to && (list.isEmpty() || list.get(list.size() - 1).to() < from)) {
            list.add(new Outage(from, to));
            Arrays.fill(away, from, to, true);
          }
        }
      }
      byKecamatan.put(k.slug(), List.copyOf(list));
      down.put(k.slug(), away);
    }
  }

  public List<Outage> of(String kecamatan) {
    return byKecamatan.getOrDefault(kecamatan, List.of());
  }

  public boolean away(String kecamatan, int minute) {
    boolean[] a = down.get(kecamatan);
    return a != null && minute >= 0 && minute < a.length && a[minute];
  }

  /** The first minute at or after this one when the gateway is there. */
  public int backAt(String kecamatan, int minute) {
    for (Outage o : of(kecamatan)) {
      if (minute >= o.from() && minute < o.to()) {
        return o.to();
      }
    }
    return minute;
  }
}
