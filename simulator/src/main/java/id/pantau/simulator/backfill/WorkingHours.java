package id.pantau.simulator.backfill;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Office hours as a city's complaint handlers keep them: Monday to Friday, 08:00 to 16:00 local
 * time. Verification and follow-up of ordinary complaints happen only then, which is why a
 * complaint sent on Friday evening waits for Monday (SP4N-LAPOR! counts working days).
 * Holidays are not modelled here: the city file's calendar is the server's to apply.
 */
public final class WorkingHours {
  static final LocalTime OPENS = LocalTime.of(8, 0);
  static final LocalTime CLOSES = LocalTime.of(16, 0);
  static final int MINUTES_PER_DAY = 8 * 60;

  private WorkingHours() {
  }

  public static boolean isWorkingDay(LocalDateTime t) {
    DayOfWeek d = t.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
  }

  /** The moment {@code minutes} of office time have passed after {@code from} (local time). */
  public static LocalDateTime plus(LocalDateTime from, double minutes) {
    LocalDateTime t = nextOpen(from);
    double left = minutes;
    while (true) {
      double today = java.time.Duration.between(t, t.toLocalDate().atTime(CLOSES)).toSeconds() / 60.0;
      if (left <= today) {
        return t.plusSeconds(Math.round(left * 60));
      }
      left -= today;
      t = nextOpen(t.toLocalDate().plusDays(1).atTime(OPENS));
    }
  }

  /** {@code from} if the office is open then, else when it opens next. */
  static LocalDateTime nextOpen(LocalDateTime from) {
    LocalDateTime t = from;
    if (!t.toLocalTime().isBefore(CLOSES)) {
      t = t.toLocalDate().plusDays(1).atTime(OPENS);
    } else if (t.toLocalTime().isBefore(OPENS)) {
      t = t.toLocalDate().atTime(OPENS);
    }
    while (!isWorkingDay(t)) {
      t = t.toLocalDate().plusDays(1).atTime(OPENS);
    }
    return t;
  }
}
