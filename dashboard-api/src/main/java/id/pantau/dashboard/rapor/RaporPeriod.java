package id.pantau.dashboard.rapor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a rapor covers, whole local days in the city's time zone: a day ({@code 2026-11-20}),
 * an ISO week ({@code 2026-W47}, Monday to Sunday), a month ({@code 2026-11}) or a range of
 * dates ({@code from}, {@code to}, both days included).
 *
 * @param first the first day included
 * @param last the last day included
 */
public record RaporPeriod(Kind kind, LocalDate first, LocalDate last) {
  /** Longest range a rapor answers: a year (a leap year's too) and a little. */
  public static final int MAX_DAYS = 400;
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  public enum Kind { DAY, WEEK, MONTH, RANGE }

  public RaporPeriod {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("the period ends (" + last + ") before it starts (" + first + ")");
    }
    if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
      throw new IllegalArgumentException("a period is at most " + MAX_DAYS + " days, " + first + " to " + last + " is longer");
    }
  }

  /**
   * A period as a request names it: {@code period} alone, or {@code from} and {@code to} alone.
   *
   * @throws IllegalArgumentException with a message for the person who wrote the request
   */
  public static RaporPeriod parse(String period, String from, String to) {
    if (period != null && (from != null || to != null)) {
      throw new IllegalArgumentException("give either period or from and to, not both");
    }
    if (period == null) {
      if (from == null || to == null) {
        throw new IllegalArgumentException(
            "period is required: a day (2026-11-20), an ISO week (2026-W47), a month (2026-11), or from=2026-11-01&to=2026-11-15");
      }
      return new RaporPeriod(Kind.RANGE, date(from, "from"), date(to, "to"));
    }
    Matcher week = WEEK.matcher(period);
    if (week.matches()) {
      return week(Integer.parseInt(week.group(1)), Integer.parseInt(week.group(2)), period);
    }
    if (MONTH.matcher(period).matches()) {
      try {
        YearMonth m = YearMonth.parse(period);
        return new RaporPeriod(Kind.MONTH, m.atDay(1), m.atEndOfMonth());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("period '" + period + "' is not a month like 2026-11");
      }
    }
    if (DAY.matcher(period).matches()) {
      LocalDate d = date(period, "period");
      return new RaporPeriod(Kind.DAY, d, d);
    }
    throw new IllegalArgumentException("period '" + period
        + "' is not a day (2026-11-20), an ISO week (2026-W47) or a month (2026-11)");
  }

  private static RaporPeriod week(int year, int week, String text) {
    LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1).with(DayOfWeek.MONDAY);
    long weeks = LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    if (week < 1 || week > weeks) {
      throw new IllegalArgumentException("period '" + text + "': " + year + " has ISO weeks 1 to " + weeks);
    }
    LocalDate first = monday.plusWeeks(week - 1L);
    return new RaporPeriod(Kind.WEEK, first, first.plusDays(6));
  }

  private static LocalDate date(String text, String parameter) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(parameter + " '" + text + "' is not a date like 2026-11-20");
    }
  }

  /** The period of the same kind just before: the day, week or month before, or a range as long ending the day before. */
  public RaporPeriod previous() {
    return switch (kind) {
      case DAY -> new RaporPeriod(kind, first.minusDays(1), first.minusDays(1));
      case WEEK -> new RaporPeriod(kind, first.minusWeeks(1), last.minusWeeks(1));
      case MONTH -> {
        YearMonth m = YearMonth.from(first).minusMonths(1);
        yield new RaporPeriod(kind, m.atDay(1), m.atEndOfMonth());
      }
      case RANGE -> {
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        yield new RaporPeriod(kind, first.minusDays(days), first.minusDays(1));
      }
    };
  }

  /** The name a request would use: {@code 2026-11-20}, {@code 2026-W47}, {@code 2026-11}, {@code 2026-11-01..2026-11-15}. */
  public String label() {
    return switch (kind) {
      case DAY -> first.toString();
      case WEEK -> String.format("%d-W%02d", first.get(IsoFields.WEEK_BASED_YEAR), first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> YearMonth.from(first).toString();
      case RANGE -> first + ".." + last;
    };
  }

  /** The query that asks for this period again: {@code period=2026-11} or {@code from=..&to=..}. */
  public String query() {
    return kind == Kind.RANGE ? "from=" + first + "&to=" + last : "period=" + label();
  }

  /** Where the period starts: midnight of its first day in {@code zone}. */
  public Instant start(ZoneId zone) {
    return first.atStartOfDay(zone).toInstant();
  }

  /** Where it ends, excluded: midnight after its last day in {@code zone}. */
  public Instant end(ZoneId zone) {
    return last.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public String kindName() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
