package id.pantau.city;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A city's non-working days besides weekends. Not a collection on purpose: ask
 * {@link #isHoliday}, so a date is never compared with a {@link Holiday} by mistake.
 */
public record HolidayCalendar(List<Holiday> days) {
  public HolidayCalendar {
    Map<LocalDate, Holiday> byDate = new HashMap<>();
    for (Holiday h : days) {
      Holiday earlier = byDate.putIfAbsent(h.date(), h);
      if (earlier != null) {
        throw new IllegalArgumentException("holiday " + h.date() + " is listed twice");
      }
    }
    days = days.stream().sorted(Comparator.comparing(Holiday::date)).toList();
  }

  /** Local holidays known only by their dates. */
  public static HolidayCalendar ofDates(Collection<LocalDate> dates) {
    return new HolidayCalendar(dates.stream().map(Holiday::local).toList());
  }

  public boolean isHoliday(LocalDate date) {
    for (Holiday h : days) {
      if (h.date().equals(date)) {
        return true;
      }
    }
    return false;
  }

  /** This calendar with {@code year}'s days replaced by these (all of that year). */
  public HolidayCalendar withYear(int year, List<Holiday> yearDays) {
    List<Holiday> next = new java.util.ArrayList<>(days.stream().filter(h -> h.date().getYear() != year).toList());
    next.addAll(yearDays);
    return new HolidayCalendar(next);
  }

  public List<Holiday> inYear(int year) {
    return days.stream().filter(h -> h.date().getYear() == year).toList();
  }

  /** True when the calendar lists at least one day of that year: a year with none was forgotten. */
  public boolean covers(int year) {
    return days.stream().anyMatch(h -> h.date().getYear() == year);
  }

  /**
   * The years whose holidays are missing as of {@code today}: this year, and from October on
   * (the joint ministerial decree for the next year is out by then) the next one.
   */
  public List<Integer> missingYears(LocalDate today) {
    List<Integer> missing = new java.util.ArrayList<>();
    if (!covers(today.getYear())) {
      missing.add(today.getYear());
    }
    if (today.getMonthValue() >= 10 && !covers(today.getYear() + 1)) {
      missing.add(today.getYear() + 1);
    }
    return missing;
  }
}
