package id.pantau.dashboard.open311;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** The complaint categories as Open311 services (GeoReport v2 {@code services.json}). */
final class Open311Services {
  // Indonesian name, English gloss: the labels command centers and civic apps show
  private static final Map<String, String[]> NAMES = new TreeMap<>(Map.of(
      "banjir", new String[] {"Banjir", "Flood"},
      "sampah", new String[] {"Sampah", "Waste"},
      "jalan_rusak", new String[] {"Jalan rusak", "Damaged road"},
      "pju_mati", new String[] {"PJU mati", "Street light out"},
      "kemacetan", new String[] {"Kemacetan", "Congestion"},
      "pohon_tumbang", new String[] {"Pohon tumbang", "Fallen tree"},
      "kebakaran", new String[] {"Kebakaran", "Fire"},
      "keamanan", new String[] {"Keamanan", "Security"},
      "air_bersih", new String[] {"Air bersih", "Water supply"},
      "lainnya", new String[] {"Lainnya", "Other"}));

  private Open311Services() {
  }

  static String name(String code) {
    String[] n = NAMES.get(code);
    return n == null ? code : n[0];
  }

  static JsonArray list() {
    JsonArray services = new JsonArray();
    NAMES.forEach((code, n) -> services.add(new JsonObject().put("service_code", code).put("service_name", n[0])
        .put("description", n[0] + " (" + n[1] + ")").put("metadata", false).put("type", "realtime")
        .put("keywords", code.replace('_', ' ')).put("group", "pengaduan")));
    return services;
  }
}
