package id.pantau.city;

import id.pantau.wire.GatewayTopic;

/** A kecamatan as configured: slug (used in topics), display name, rough zone for the tile map. */
public record Kecamatan(String slug, String name, String zone) {
  public Kecamatan {
    if (!GatewayTopic.isSlug(slug)) {
      throw new IllegalArgumentException("kecamatan slug '" + slug + "' must be lower-case letters, digits and '-'");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("kecamatan '" + slug + "' needs a name");
    }
    zone = zone == null ? "central" : zone;
  }
}
