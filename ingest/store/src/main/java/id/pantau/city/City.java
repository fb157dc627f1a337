package id.pantau.city;

import id.pantau.wire.GatewayTopic;
import id.pantau.wire.Metric;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A city (tenant) as configured. A city is data, not code: Bandung ships as the default.
 *
 * @param resolutionRules per category; a category without a rule uses {@code defaultRule}
 * @param verificationRule how soon any complaint must leave the {@code created} state
 * @param holidays days besides weekends on which working-day targets do not run
 * @param alerts when the city raises alerts
 * @param sensorAllowList true: a gateway may report only sensors registered to its kecamatan in
 *     advance (admin API); false: a sensor is registered to the kecamatan that first reports it
 * @param plausibility the range each metric's readings must fall in to count (null: the catalogue's)
 * @param expectedCadence how often a sensor reports each metric (the city file's
 *     {@code expectedCadenceSeconds}); a metric not listed is learned from the sensor's own recent readings
 */
public record City(String slug, String name, ZoneId timezone, List<Kecamatan> kecamatan, List<RiverGauge> gauges,
                   List<ResolutionRule> resolutionRules, ResolutionRule defaultRule, ResolutionRule verificationRule,
                   HolidayCalendar holidays, AlertRules alerts, boolean sensorAllowList, Plausibility plausibility,
                   Map<Metric, Duration> expectedCadence) {
  /** A city that declares no sensor cadence. */
  public City(String slug, String name, ZoneId timezone, List<Kecamatan> kecamatan, List<RiverGauge> gauges,
              List<ResolutionRule> resolutionRules, ResolutionRule defaultRule, ResolutionRule verificationRule,
              HolidayCalendar holidays, AlertRules alerts, boolean sensorAllowList, Plausibility plausibility) {
    this(slug, name, timezone, kecamatan, gauges, resolutionRules, defaultRule, verificationRule, holidays, alerts,
        sensorAllowList, plausibility, Map.of());
  }

  /** A city whose holidays are known only by their dates (tests, older city files). */
  public City(String slug, String name, ZoneId timezone, List<Kecamatan> kecamatan, List<RiverGauge> gauges,
              List<ResolutionRule> resolutionRules, ResolutionRule defaultRule, ResolutionRule verificationRule,
              Set<LocalDate> holidays, AlertRules alerts, boolean sensorAllowList) {
    this(slug, name, timezone, kecamatan, gauges, resolutionRules, defaultRule, verificationRule,
        HolidayCalendar.ofDates(holidays), alerts, sensorAllowList, null);
  }

  public City {
    if (!GatewayTopic.isSlug(slug)) {
      throw new IllegalArgumentException("city slug '" + slug + "' must be lower-case letters, digits and '-'");
    }
    if (kecamatan == null || kecamatan.isEmpty()) {
      throw new IllegalArgumentException("city '" + slug + "' has no kecamatan");
    }
    var seen = new HashSet<String>();
    for (Kecamatan k : kecamatan) {
      if (!seen.add(k.slug())) {
        throw new IllegalArgumentException("city '" + slug + "' lists kecamatan '" + k.slug() + "' twice");
      }
    }
    kecamatan = List.copyOf(kecamatan);
    gauges = List.copyOf(gauges);
    for (RiverGauge g : gauges) {
      if (!seen.contains(g.kecamatan())) {
        throw new IllegalArgumentException("gauge " + g.sensor() + " names kecamatan '" + g.kecamatan()
            + "', which city '" + slug + "' does not list");
      }
    }
    resolutionRules = List.copyOf(resolutionRules);
    holidays = holidays == null ? new HolidayCalendar(List.of()) : holidays;
    alerts = alerts == null ? AlertRules.defaults() : alerts;
    plausibility = plausibility == null ? Plausibility.catalogue() : plausibility;
    expectedCadence = expectedCadence == null ? Map.of() : Map.copyOf(expectedCadence);
    expectedCadence.forEach((m, d) -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("city '" + slug + "': expectedCadenceSeconds." + m.wireName()
            + " must be above zero, is " + d.toSeconds());
      }
    });
  }

  /** This city with other plausible ranges (an administrator's). */
  public City withPlausibility(Plausibility ranges) {
    return new City(slug, name, timezone, kecamatan, gauges, resolutionRules, defaultRule, verificationRule, holidays,
        alerts, sensorAllowList, ranges);
  }

  /** This city with another holiday calendar (an administrator's years). */
  public City withHolidays(HolidayCalendar calendar) {
    return new City(slug, name, timezone, kecamatan, gauges, resolutionRules, defaultRule, verificationRule, calendar,
        alerts, sensorAllowList, plausibility);
  }

  /** The target for a complaint category. */
  public ResolutionRule ruleFor(String category) {
    return resolutionRules.stream().filter(r -> r.category().equals(category)).findFirst().orElse(defaultRule);
  }
}
