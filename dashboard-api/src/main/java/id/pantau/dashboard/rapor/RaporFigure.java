package id.pantau.dashboard.rapor;

import java.util.Locale;

/**
 * The figures of a rapor. Those marked {@code perPart} come once overall and once per complaint
 * category or alert rule, as {@code id:part} (e.g. {@code verification_met_pct:sampah},
 * {@code alerts_opened:flood}).
 */
public enum RaporFigure {
  COMPLAINTS_RECEIVED(Unit.COUNT, Better.NONE, Source.COMPLAINT, false),
  COMPLAINTS_RESOLVED(Unit.COUNT, Better.NONE, Source.COMPLAINT, false),
  VERIFICATION_MET_PCT(Unit.PERCENT, Better.HIGHER, Source.COMPLAINT, true),
  FOLLOWUP_MET_PCT(Unit.PERCENT, Better.HIGHER, Source.COMPLAINT, true),
  RESOLVE_HOURS_MEDIAN(Unit.HOURS, Better.LOWER, Source.COMPLAINT, false),
  RESOLVE_HOURS_P90(Unit.HOURS, Better.LOWER, Source.COMPLAINT, false),
  BACKLOG_START(Unit.COUNT, Better.NONE, Source.COMPLAINT, false),
  BACKLOG_END(Unit.COUNT, Better.LOWER, Source.COMPLAINT, false),
  ALERTS_OPENED(Unit.COUNT, Better.NONE, Source.ALERT, true),
  ACK_MINUTES_MEDIAN(Unit.MINUTES, Better.LOWER, Source.ALERT, false),
  ACK_MINUTES_P90(Unit.MINUTES, Better.LOWER, Source.ALERT, false),
  CLEAR_MINUTES_MEDIAN(Unit.MINUTES, Better.NONE, Source.ALERT, false),
  CLEAR_MINUTES_P90(Unit.MINUTES, Better.NONE, Source.ALERT, false),
  ALERTS_UNACKNOWLEDGED(Unit.COUNT, Better.LOWER, Source.ALERT, false),
  INSTRUCTIONS_SENT(Unit.COUNT, Better.NONE, Source.INSTRUCTION, false),
  INSTRUCTIONS_DELIVERED(Unit.COUNT, Better.NONE, Source.INSTRUCTION, false),
  ISPU_DAYS(Unit.DAYS, Better.NONE, Source.DAY, true),
  ISPU_UNHEALTHY_DAYS(Unit.DAYS, Better.LOWER, Source.DAY, false),
  SIAGA_HOURS(Unit.HOURS, Better.NONE, Source.HOUR, true),
  GATEWAY_UPTIME_PCT(Unit.PERCENT, Better.HIGHER, Source.GATEWAY, false),
  DATA_COMPLETENESS_PCT(Unit.PERCENT, Better.HIGHER, Source.SENSOR, false);

  public enum Unit { COUNT, PERCENT, HOURS, MINUTES, DAYS }

  /** Which way is better; the headline figures (those with a direction) are ranked across the kecamatan. */
  public enum Better { HIGHER, LOWER, NONE }

  /**
   * What the items behind the figure are: complaints, alerts, instructions, local days, clock hours,
   * gateways (each with its own uptime) or sensors' metrics (each with the readings expected of it).
   */
  public enum Source { COMPLAINT, ALERT, INSTRUCTION, DAY, HOUR, GATEWAY, SENSOR }

  private final Unit unit;
  private final Better better;
  private final Source source;
  private final boolean perPart;

  RaporFigure(Unit unit, Better better, Source source, boolean perPart) {
    this.unit = unit;
    this.better = better;
    this.source = source;
    this.perPart = perPart;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The figure of an id like {@code verification_met_pct} or {@code verification_met_pct:sampah}, or null. */
  public static RaporFigure of(String id) {
    String base = id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
    for (RaporFigure f : values()) {
      if (f.id().equals(base) && (f.perPart || base.equals(id))) {
        return f;
      }
    }
    return null;
  }

  public Unit unit() {
    return unit;
  }

  public Better better() {
    return better;
  }

  public Source source() {
    return source;
  }

  public boolean perPart() {
    return perPart;
  }

  public boolean headline() {
    return better != Better.NONE;
  }
}
