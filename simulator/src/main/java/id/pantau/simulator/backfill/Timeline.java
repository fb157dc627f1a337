package id.pantau.simulator.backfill;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The minutes a backfill covers, counted from 0 at its start, and what each one is in the city's
 * own time: hour of day, day of week, month. Minute indexes keep the generators' arrays small
 * and their arithmetic exact.
 *
 * @param startEpochMinute the first minute, in minutes since 1970 (UTC)
 * @param minutes how many minutes, the last one ending at {@link #end()}
 */
public record Timeline(long startEpochMinute, int minutes, ZoneId zone) {
  public static final int DAY = 1440;

  public Timeline {
    if (minutes <= 0) {
      throw new IllegalArgumentException("a backfill covers at least one minute");
    }
  }

  public static Timeline ending(Instant end, long minutes, ZoneId zone) {
    long endMinute = Math.floorDiv(end.getEpochSecond(), 60);
    return new Timeline(endMinute - minutes, Math.toIntExact(minutes), zone);
  }

  public Instant start() {
    return Instant.ofEpochSecond(startEpochMinute * 60);
  }

  public Instant end() {
    return Instant.ofEpochSecond((startEpochMinute + minutes) * 60);
  }

  public long epochMillis(double minute) {
    return startEpochMinute * 60_000L + Math.round(minute * 60_000.0);
  }

  public LocalDateTime local(double minute) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis(minute)), zone);
  }

  /** Local hour of day, fractional (0 to 24). */
  public double hourOfDay(double minute) {
    LocalDateTime t = local(minute);
    return t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0;
  }

  public DayOfWeek dayOfWeek(double minute) {
    return local(minute).getDayOfWeek();
  }

  /** The minute index of a local time (may fall outside the timeline). */
  public double minuteOf(LocalDateTime local) {
    Instant at = local.atZone(zone).toInstant();
    return (at.toEpochMilli() - startEpochMinute * 60_000L) / 60_000.0;
  }

  /** The offset of local time from UTC in minutes at a minute (Asia/Jakarta: always 420). */
  public int offsetMinutes(int minute) {
    ZoneOffset o = zone.getRules().getOffset(Instant.ofEpochSecond((startEpochMinute + minute) * 60));
    return o.getTotalSeconds() / 60;
  }

  /** Number of (possibly partial) days of 1440 minutes. */
  public int days() {
    return (minutes + DAY - 1) / DAY;
  }
}
