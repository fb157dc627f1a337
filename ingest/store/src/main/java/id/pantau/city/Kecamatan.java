package id.pantau.city;

import id.pantau.wire.GatewayTopic;

/**
 * A kecamatan as configured: slug (used in topics), display name, rough zone, and its tile on
 * the wall screen's map ({@code tileRow}, {@code tileCol}: north at the top; null when the
 * city file gives none, and the screen then places it by zone).
 */
public record Kecamatan(String slug, String name, String zone, Integer tileRow, Integer tileCol) {
  public Kecamatan {
    if (!GatewayTopic.isSlug(slug)) {
      throw new IllegalArgumentException("kecamatan slug '" + slug + "' must be lower-case letters, digits and '-'");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("kecamatan '" + slug + "' needs a name");
    }
    zone = zone == null ? "central" : zone;
    if ((tileRow == null) != (tileCol == null) || (tileRow != null && (tileRow < 0 || tileCol < 0))) {
      throw new IllegalArgumentException("kecamatan '" + slug + "': tile needs a row and a column, both 0 or more");
    }
  }

  public Kecamatan(String slug, String name, String zone) {
    this(slug, name, zone, null, null);
  }
}
