package id.pantau.dashboard.quality;

import java.util.Locale;

/**
 * A sensor's health. {@link #SUSPECT} and {@link #SILENT} raise a maintenance alert; a suspect
 * sensor and one in {@link #MAINTENANCE} count for no hazard KPI. {@link #OUT_OF_RANGE} raises
 * nothing: its implausible readings are already flagged and kept out of every figure.
 */
public enum SensorState {
  OK, SUSPECT, SILENT, OUT_OF_RANGE, MAINTENANCE;

  /** The API's name: {@code ok}, {@code suspect}, {@code silent}, {@code out_of_range}, {@code maintenance}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a technician should go and look: a maintenance alert is open while it lasts. */
  public boolean needsTechnician() {
    return this == SUSPECT || this == SILENT;
  }

  /** Whether the sensor's readings stay out of the hazard KPIs (ISPU, siaga, thresholds). */
  public boolean excludedFromHazards() {
    return this == SUSPECT || this == MAINTENANCE;
  }
}
