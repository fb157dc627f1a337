package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.config.ConfigTree;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {

  @Test
  void configurationReferenceListsEveryKeyWithItsDefaultAndVariable() throws Exception {
    // given the built-in defaults and the reference page
    JsonObject defaults = PantauMain.defaults();
    String reference = Files.readString(Path.of("../docs/CONFIGURATION.md"));

    // then every key appears with its default and its environment variable
    List<String> missing = new ArrayList<>();
    for (String key : leafKeys(defaults, "")) {
      Object value = valueAt(defaults, key);
      String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
      String row = "| `" + key + "` | `" + shown + "` | `" + ConfigTree.environmentName(key) + "` |";
      if (!reference.contains(row)) {
        missing.add(row);
      }
    }
    assertTrue(missing.isEmpty(), "docs/CONFIGURATION.md lacks or misstates: " + missing);
  }

  @Test
  void defaultsLoadIntoAValidServerConfiguration() throws Exception {
    // given the defaults with no file and no environment, when loaded, then every typed read succeeds
    ConfigTree config = ConfigTree.load(PantauMain.defaults(), null, Map.of());
    id.pantau.ingest.IngestConfig.from(config);
    id.pantau.ingest.mqtt.MqttConfig.from(config);
    id.pantau.store.DatabaseConfig.from(config);
    id.pantau.dashboard.http.HttpConfig.from(config);
  }

  private static List<String> leafKeys(JsonObject node, String prefix) {
    List<String> keys = new ArrayList<>();
    for (String field : node.fieldNames()) {
      Object v = node.getValue(field);
      if (v instanceof JsonObject nested) {
        keys.addAll(leafKeys(nested, prefix + field + "."));
      } else {
        keys.add(prefix + field);
      }
    }
    return keys;
  }

  private static Object valueAt(JsonObject root, String key) {
    String[] path = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.getJsonObject(path[i]);
    }
    return node.getValue(path[path.length - 1]);
  }
}
