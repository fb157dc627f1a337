package id.pantau.dashboard.alert;

import java.time.Instant;

/**
 * An alert as stored: opened by the engine, acknowledged by an operator, cleared by the engine.
 *
 * @param kecamatan slug, null for a city-wide alert
 * @param value the figure that raised it, kept current while open
 */
public record Alert(long id, String rule, String subject, String kecamatan, String severity, String title,
                    String titleEn, Double value, Instant openedAt, Instant updatedAt, Instant acknowledgedAt,
                    String acknowledgedBy, Instant clearedAt) {

  /** {@code open}, {@code acknowledged} or {@code cleared}. */
  public String state() {
    return clearedAt != null ? "cleared" : acknowledgedAt != null ? "acknowledged" : "open";
  }
}
