package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import id.pantau.city.ResolutionRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When a complaint must be resolved, by its category's rule in the city's configuration, and
 * verified, by the city's verification rule: N working days later at the same local time
 * (Saturdays, Sundays and the city's holidays do not count), or N clock hours later.
 */
public final class ResolutionDeadlines {
  private final City city;

  public ResolutionDeadlines(City city) {
    this.city = city;
  }

  public Instant deadline(Instant createdAt, String category) {
    return deadline(createdAt, city.ruleFor(category));
  }

  /** When a complaint must have been verified (moved on from {@code created}). */
  public Instant verificationDeadline(Instant createdAt) {
    return deadline(createdAt, city.verificationRule());
  }

  private Instant deadline(Instant createdAt, ResolutionRule rule) {
    if (rule.unit() == ResolutionRule.Unit.HOURS) {
      return createdAt.plus(Duration.ofHours(rule.amount()));
    }
    ZonedDateTime t = createdAt.atZone(city.timezone());
    int left = rule.amount();
    while (left > 0) {
      t = t.plusDays(1);
      if (isWorkingDay(t)) {
        left--;
      }
    }
    return t.toInstant();
  }

  /** Breached when resolved after the deadline, or still open past it. */
  public boolean breached(Instant createdAt, Instant resolvedAt, String category, Instant now) {
    Instant deadline = deadline(createdAt, category);
    return resolvedAt == null ? now.isAfter(deadline) : resolvedAt.isAfter(deadline);
  }

  private boolean isWorkingDay(ZonedDateTime t) {
    DayOfWeek d = t.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !city.holidays().isHoliday(t.toLocalDate());
  }
}
