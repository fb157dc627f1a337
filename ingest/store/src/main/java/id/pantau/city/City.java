package id.pantau.city;

import id.pantau.wire.GatewayTopic;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;

/** A city (tenant) as configured. A city is data, not code: Bandung ships as the default. */
public record City(String slug, String name, ZoneId timezone, List<Kecamatan> kecamatan) {
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
  }
}
