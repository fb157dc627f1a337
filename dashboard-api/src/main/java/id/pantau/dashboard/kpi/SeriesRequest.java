package id.pantau.dashboard.kpi;

import id.pantau.dashboard.ApiException.BadRequest;
import id.pantau.wire.Metric;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A validated request for a rollup series: one metric, city-wide or for one kecamatan, in
 * buckets of one minute, hour or day, over [from, to). Every refusal names its parameter.
 *
 * <p>The cost of one request is bounded: its range may be at most the configured maximum for
 * its step ({@link MaxRanges}), and {@code from} and {@code to} are widened to whole buckets,
 * so requests that differ only within a bucket (every screen's own "now") are one cache entry
 * and one query.
 */
public record SeriesRequest(String city, String kecamatan, Metric metric, Step step, Instant from, Instant to,
                            boolean includeFlagged) {
  public static final int MAX_POINTS = 1440;

  /** A request for the rollup buckets alone, as by default. */
  public SeriesRequest(String city, String kecamatan, Metric metric, Step step, Instant from, Instant to) {
    this(city, kecamatan, metric, step, from, to, false);
  }

  /** The longest range a request may cover, per step ({@code http.series.maxRange1m}, ...). */
  public record MaxRanges(Duration minute, Duration hour, Duration day) {
    Duration of(Step step) {
      return switch (step) {
        case MINUTE -> minute;
        case HOUR -> hour;
        case DAY -> day;
      };
    }
  }

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

  /**
   * Parses raw query parameters (null when absent); {@code now} closes an open range. Buckets
   * start at the city's local midnights, as the query's do.
   */
  public static SeriesRequest parse(String city, String kecamatan, String metric, String step, String from, String to,
                                    Instant now, ZoneId zone, MaxRanges maxRanges) {
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
    Duration range = Duration.between(start, end);
    Duration cap = maxRanges.of(s);
    if (range.compareTo(cap) > 0) {
      throw new BadRequest("step", "the range is " + describe(range) + "; step " + s.name + " covers at most "
          + describe(cap) + " (http.series.maxRange" + s.name + "): use a larger step or a shorter range");
    }
    long points = range.toMillis() / s.width.toMillis();
    if (points > MAX_POINTS) {
      throw new BadRequest("step", "the range holds " + points + " buckets of " + s.name + "; at most "
          + MAX_POINTS + " (use a larger step or a shorter range)");
    }
    Instant origin = origin(zone);
    return new SeriesRequest(city, kecamatan, m, s, floor(start, origin, s), ceil(end, origin, s));
  }

  /** Where the city's buckets start counting: a local midnight, so day buckets are the city's days. */
  public static Instant origin(ZoneId zone) {
    return LocalDate.of(2000, 1, 1).atStartOfDay(zone).toInstant();
  }

  /** The start of the bucket holding {@code t}. */
  static Instant floor(Instant t, Instant origin, Step step) {
    long width = step.width.toMillis();
    long offset = Math.floorMod(t.toEpochMilli() - origin.toEpochMilli(), width);
    return Instant.ofEpochMilli(t.toEpochMilli() - offset);
  }

  /** {@code t} when it is a bucket boundary, else the end of its bucket. */
  static Instant ceil(Instant t, Instant origin, Step step) {
    Instant floor = floor(t, origin, step);
    return floor.equals(t) ? t : floor.plus(step.width);
  }

  private static String describe(Duration d) {
    if (d.toMinutes() < 120) {
      return d.toMinutes() + " minutes";
    }
    return d.toHours() < 72 ? d.toHours() + " hours" : d.toDays() + " days";
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

  /**
   * This request with the {@code include} parameter applied: {@code flagged} adds the readings
   * stored flagged (kept out of the buckets) in the range; absent leaves the buckets alone.
   */
  public SeriesRequest including(String include) {
    if (include == null) {
      return this;
    }
    if (!include.equals("flagged")) {
      throw new BadRequest("include", "include may only be 'flagged' (the readings kept out of the buckets as "
          + "implausible), is '" + shorten(include) + "'");
    }
    return new SeriesRequest(city, kecamatan, metric, step, from, to, true);
  }

  /** The cache key: equal requests share one query. */
  public String key() {
    return city + "|" + kecamatan + "|" + metric.wireName() + "|" + step.name + "|" + from + "|" + to
        + (includeFlagged ? "|flagged" : "");
  }
}
