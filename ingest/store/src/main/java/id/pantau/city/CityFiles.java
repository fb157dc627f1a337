package id.pantau.city;

import id.pantau.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads city definitions: {@code classpath:cities/bandung.json} or a file path. */
public final class CityFiles {
  private CityFiles() {
  }

  /** @param sources comma-separated locations, from configuration key {@code cities.files} */
  public static List<City> loadAll(String sources) {
    List<City> cities = new ArrayList<>();
    for (String source : sources.split(",")) {
      if (!source.isBlank()) {
        cities.add(load(source.trim()));
      }
    }
    if (cities.isEmpty()) {
      throw new ConfigException("cities.files", "names no city");
    }
    return cities;
  }

  public static City load(String source) {
    try {
      return parse(new JsonObject(read(source)));
    } catch (RuntimeException | IOException e) {
      throw new ConfigException("cities.files", "cannot load city from " + source + ": " + e.getMessage());
    }
  }

  static City parse(JsonObject json) {
    JsonArray list = json.getJsonArray("kecamatan", new JsonArray());
    List<Kecamatan> kecamatan = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject k = list.getJsonObject(i);
      kecamatan.add(new Kecamatan(k.getString("slug"), k.getString("name"), k.getString("zone")));
    }
    return new City(json.getString("slug"), json.getString("name"),
        ZoneId.of(json.getString("timezone", "Asia/Jakarta")), kecamatan);
  }

  private static String read(String source) throws IOException {
    if (source.startsWith("classpath:")) {
      String resource = source.substring("classpath:".length());
      try (InputStream in = CityFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no such resource");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(Path.of(source));
  }
}
