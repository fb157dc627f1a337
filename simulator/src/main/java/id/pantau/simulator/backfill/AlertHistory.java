package id.pantau.simulator.backfill;

import id.pantau.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The alerts the command center would have seen over the stretch, raised by the same data the
 * rollups hold and with the live rules' names, subjects and titles: {@code flood} per river gauge
 * from siaga 3 (severity by siaga level, cleared 10 cm below siaga 3), {@code ispu} per kecamatan
 * from the 24-hour mean of PM2.5 at ISPU 101 (cleared below 90), {@code gateway_offline} for a gateway away
 * ten minutes or more. An operator on shift acknowledges most within minutes (slower at night),
 * a few never before they clear. Only alerts cleared before the stretch's end are kept, so none
 * stays open beside the live server's.
 */
public final class AlertHistory {
  private static final String[] DAY_SHIFT = {"siti.rahma", "budi.santoso", "dewi.lestari"};
  private static final String[] NIGHT_SHIFT = {"agus.pratama", "rina.kurnia"};
  private static final double FLOOD_HYSTERESIS_CM = 10;

  /** One alert with its whole history; times in ms since 1970. */
  public record Alert(String kecamatan, String rule, String subject, String severity, String title, String titleEn,
                      double value, long openedAt, Long acknowledgedAt, String acknowledgedBy, long clearedAt) {
  }

  private final Timeline timeline;
  private final SplittableRandom random;

  public AlertHistory(Timeline timeline, long seed) {
    this.timeline = timeline;
    this.random = new SplittableRandom(seed ^ 0xA1E57L);
  }

  public List<Alert> floods(Scenario scenario, YearWeather weather) {
    List<Alert> out = new ArrayList<>();
    for (Scenario.GaugeSpec g : scenario.gauges()) {
      int opened = -1;
      double highest = 0;
      for (int m = 0; m < timeline.minutes(); m++) {
        double level = weather.levelCm(g.sensor(), m);
        if (opened < 0 && level >= g.siaga3Cm()) {
          opened = m + 1;
          highest = level;
        } else if (opened >= 0) {
          highest = Math.max(highest, level);
          if (level < g.siaga3Cm() - FLOOD_HYSTERESIS_CM) {
            out.add(flood(g, opened, m + 1, highest));
            opened = -1;
          }
        }
      }
    }
    return kept(out);
  }

  private Alert flood(Scenario.GaugeSpec g, int opened, int cleared, double cm) {
    double siaga2 = (g.siaga3Cm() + g.siaga1Cm()) / 2;
    String label = cm >= g.siaga1Cm() ? "Siaga 1" : cm >= siaga2 ? "Siaga 2" : "Siaga 3";
    String severity = cm >= g.siaga1Cm() ? "danger" : cm >= siaga2 ? "warning" : "watch";
    String level = fmt(cm);
    return alert(g.kecamatan(), "flood", g.sensor(), severity, label + " " + g.river() + ": " + level + " cm di " + g.sensor(),
        label + " on the " + g.river() + ": " + level + " cm at " + g.sensor(), Math.round(cm * 10) / 10.0, opened, cleared);
  }

  /**
   * ISPU alerts of a kecamatan, judged at the end of every hour on the 24-hour mean of PM2.5 as
   * the live KPI computes it (PM10 reads about 1.7 times PM2.5 here, always a lower index); hours
   * without data (NaN) are left out of the mean, and a mean of fewer than 12 hours is not judged.
   */
  public List<Alert> ispu(String kecamatan, double[] pm25Hourly) {
    List<Alert> out = new ArrayList<>();
    int opened = -1;
    int highest = 0;
    double sum = 0;
    int hours = 0;
    for (int h = 0; h < pm25Hourly.length; h++) {
      if (!Double.isNaN(pm25Hourly[h])) {
        sum += pm25Hourly[h];
        hours++;
      }
      if (h >= 24 && !Double.isNaN(pm25Hourly[h - 24])) {
        sum -= pm25Hourly[h - 24];
        hours--;
      }
      if (hours < 12) {
        continue;
      }
      int ispu = Ispu.ofPm25(sum / hours);
      int judged = Math.min(timeline.minutes(), (h + 1) * 60) + 1;
      if (opened < 0 && ispu >= 101) {
        opened = judged;
        highest = ispu;
      } else if (opened >= 0) {
        highest = Math.max(highest, ispu);
        if (ispu < 90) {
          String severity = highest >= 300 ? "danger" : highest >= 200 ? "warning" : "watch";
          out.add(alert(kecamatan, "ispu", kecamatan, severity,
              "ISPU " + highest + " (" + Ispu.indonesian(highest) + ") di " + kecamatan,
              "AQI (ISPU) " + highest + " (" + Ispu.english(highest) + ") in " + kecamatan, highest, opened, judged));
          opened = -1;
        }
      }
    }
    return kept(out);
  }

  public List<Alert> gatewaysOffline(Outages outages, Map<String, String> gatewayByKecamatan) {
    List<Alert> out = new ArrayList<>();
    gatewayByKecamatan.forEach((kecamatan, gateway) -> {
      for (Outages.Outage o : outages.of(kecamatan)) {
        if (o.minutes() >= 10) {
          int n = o.minutes();
          out.add(alert(kecamatan, "gateway_offline", gateway, "warning", "Gateway " + gateway + " offline " + n + " menit",
              "Gateway " + gateway + " offline for " + n + " minutes", n, o.from() + 10, o.to() + 1));
        }
      }
    });
    return kept(out);
  }

  private Alert alert(String kecamatan, String rule, String subject, String severity, String title, String titleEn,
      double value, int opened, int cleared) {
    double hour = timeline.hourOfDay(opened);
    boolean night = hour < 6 || hour >= 22;
    Long ackAt = null;
    String by = null;
    if (random.nextDouble() >= 0.05) {
      double delay = (night ? 15 : 6) * Math.exp(0.9 * random.nextGaussian());
      long at = timeline.epochMillis(opened + delay);
      if (at < timeline.epochMillis(cleared)) {
        ackAt = at;
        String[] shift = night ? NIGHT_SHIFT : DAY_SHIFT;
        by = shift[random.nextInt(shift.length)];
      }
    }
    return new Alert(kecamatan, rule, subject, severity, title, titleEn, value, timeline.epochMillis(opened), ackAt, by,
        timeline.epochMillis(cleared));
  }

  private List<Alert> kept(List<Alert> alerts) {
    long end = timeline.end().toEpochMilli();
    return alerts.stream().filter(a -> a.clearedAt() < end).toList();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
