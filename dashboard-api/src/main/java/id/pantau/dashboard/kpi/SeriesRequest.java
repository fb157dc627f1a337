package id.pantau.dashboard.kpi;

import id.pantau.dashboard.ApiException.BadRequest;
import id.pantau.wire.Metric;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A validated request for a rollup series: one metric, city-wide or for one kecamatan, in
 * buckets of one minute, hour or day, over [from, to). Every refusal names its parameter.
 */
public record SeriesRequest(String city, String kecamatan, Metric metric, Step step, Instant from, Instant to) {
  public static final int MAX_POINTS = 1440;

  /** Bucket widths; days are the city's local days. */
  public enum Step {
    MINUTE("1m", Duration.ofMinutes(1), Duration.ofHours(1)),
    HOUR("1h", Duration.ofHours(1), Duration.ofDays(1)),
    DAY("1d", Duration.ofDays(1), Duration.ofDays(30));

    final String name;
    final Duration width;
    final Duration defaultRange;

    Step(String name, Duration width, Duration defaultRange) {
      this.name = name;
      this.width = width;
      this.defaultRange = defaultRange;
    }

    public String label() {
      return name;
    }

    public Duration width() {
      return width;
    }

    static Step parse(String s) {
      for (Step step : values()) {
        if (step.name.equals(s)) {
          return step;
        }
      }
      throw new BadRequest("step", "step must be 1m, 1h or 1d, is '" + shorten(s) + "'");
    }
  }

  /** Parses raw query parameters (null when absent); {@code now} closes an open range. */
  public static SeriesRequest parse(String city, String kecamatan, String metric, String step, String from, String to,
                                    Instant now) {
    if (metric == null) {
      throw new BadRequest("metric", "metric is required, e.g. metric=pm25");
    }
    Metric m = Metric.byWireName(metric);
    if (m == null) {
      throw new BadRequest("metric", "metric '" + shorten(metric) + "' is not in the catalogue");
    }
    Step s = step == null ? Step.MINUTE : Step.parse(step);
    Instant end = to == null ? now : instant("to", to);
    Instant start = from == null ? end.minus(s.defaultRange) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new BadRequest("from", "from must be before to");
    }
    long points = Duration.between(start, end).toMillis() / s.width.toMillis();
    if (points > MAX_POINTS) {
      throw new BadRequest("step", "the range holds " + points + " buckets of " + s.name + "; at most "
          + MAX_POINTS + " (use a larger step or a shorter range)");
    }
    return new SeriesRequest(city, kecamatan, m, s, start, end);
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequest(name, name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, is '"
          + shorten(value) + "'");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** The cache key: equal requests share one query. */
  public String key() {
    return city + "|" + kecamatan + "|" + metric.wireName() + "|" + step.name + "|" + from + "|" + to;
  }
}
