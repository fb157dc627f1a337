package id.pantau.wire;

import java.util.Set;

/** Protocol v1's first set of complaint categories and channels. */
public final class ComplaintCatalogue {
  /** banjir (flood), sampah (waste), jalan_rusak (damaged road), pju_mati (street light out), ... */
  public static final Set<String> CATEGORIES = Set.of("banjir", "sampah", "jalan_rusak", "pju_mati", "kemacetan",
      "pohon_tumbang", "kebakaran", "keamanan", "air_bersih", "lainnya");
  public static final Set<String> CHANNELS = Set.of("lapor", "hotline_112", "app", "sms", "walk_in", "social_media");
  public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

  private ComplaintCatalogue() {
  }
}
