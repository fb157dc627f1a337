package id.pantau.dashboard.readmodel;

import java.time.Instant;

/** A complaint a resolution target applies to: open, or resolved recently. */
public record ComplaintRow(String id, String kecamatan, String category, Instant createdAt, Instant resolvedAt,
                           String state) {
  public boolean isOpen() {
    return resolvedAt == null;
  }
}
