package id.pantau.simulator.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: the HTML report carries its charts in the file itself, so it can
 * be attached to a ticket and opened anywhere, with no script and no network.
 */
public final class SvgChart {
  /** One line: its legend, colour and a value per x. */
  public record Series(String name, String colour, double[] values) {
  }

  private static final int WIDTH = 860;
  private static final int HEIGHT = 240;
  private static final int LEFT = 64;
  private static final int BOTTOM = 28;
  private static final int TOP = 12;

  private SvgChart() {
  }

  /** A chart whose x axis is seconds. */
  public static String render(String yLabel, double[] x, List<Series> series) {
    return render(yLabel, "s", x, series);
  }

  public static String render(String yLabel, String xUnit, double[] x, List<Series> series) {
    double maxX = x.length == 0 ? 1 : Math.max(1e-9, x[x.length - 1]);
    double maxY = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        maxY = Math.max(maxY, v);
      }
    }
    maxY = niceCeiling(maxY);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
    int plotW = WIDTH - LEFT - 10;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotH - plotH * i / 4.0;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, WIDTH - 10, y));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
          LEFT - 6, y + 4, label(maxY * i / 4)));
    }
    for (int i = 0; i <= 5; i++) {
      double xp = LEFT + plotW * i / 5.0;
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s%s</text>",
          xp, HEIGHT - 8, label(maxX * i / 5), xUnit));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, yLabel));
    int legendX = LEFT + 8;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < s.values().length && i < x.length; i++) {
        double px = LEFT + plotW * x[i] / maxX;
        double py = TOP + plotH - (maxY == 0 ? 0 : plotH * s.values()[i] / maxY);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      }
      b.append("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").append(s.colour()).append("\" points=\"")
          .append(points).append("\"/>");
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>",
          legendX, TOP + 12, s.colour(), s.name()));
      legendX += 12 + 8 * s.name().length();
    }
    return b.append("</svg>").toString();
  }

  private static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String label(double v) {
    if (v >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", v / 1000);
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
