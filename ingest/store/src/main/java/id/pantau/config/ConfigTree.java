package id.pantau.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective configuration: built-in defaults, then a JSON file, then environment
 * variables. Every key must exist in the defaults, so a typo in the file stops start-up
 * instead of being silently ignored. Key {@code ingest.maxBatchRows} is overridden by the
 * environment variable {@code PANTAU_INGEST_MAX_BATCH_ROWS}.
 */
public final class ConfigTree {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final JsonObject root;

  private ConfigTree(JsonObject root) {
    this.root = root;
  }

  public static ConfigTree of(JsonObject values) {
    return new ConfigTree(values.copy());
  }

  /** Defaults, overlaid by the file (if any), overlaid by {@code PANTAU_*} variables in env. */
  public static ConfigTree load(JsonObject defaults, Path file, Map<String, String> env) {
    JsonObject merged = defaults.copy();
    if (file != null) {
      overlay(merged, readFile(file), "");
    }
    applyEnvironment(merged, "", env);
    return new ConfigTree(merged);
  }

  /** Returns a copy with one key set, for tests and command-line overrides. */
  public ConfigTree with(String key, Object value) {
    JsonObject copy = root.copy();
    String[] path = key.split("\\.");
    JsonObject parent = copy;
    for (int i = 0; i < path.length - 1; i++) {
      parent = parent.getJsonObject(path[i]);
      if (parent == null) {
        throw new ConfigException(key, "unknown key");
      }
    }
    if (!parent.containsKey(path[path.length - 1])) {
      throw new ConfigException(key, "unknown key");
    }
    parent.put(path[path.length - 1], value);
    return new ConfigTree(copy);
  }

  public JsonObject asJson() {
    return root.copy();
  }

  public String string(String key) {
    Object v = raw(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new ConfigException(key, "must be a non-empty string, is " + v);
    }
    return s;
  }

  /** @return the string, or null when the key is null or blank */
  public String optionalString(String key) {
    Object v = raw(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new ConfigException(key, "must be a string, is " + v);
    }
    return s;
  }

  public int integer(String key, int min, int max) {
    Object v = raw(key);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new ConfigException(key, "must be a whole number, is " + v);
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", is " + l);
    }
    return (int) l;
  }

  public boolean bool(String key) {
    Object v = raw(key);
    if (!(v instanceof Boolean b)) {
      throw new ConfigException(key, "must be true or false, is " + v);
    }
    return b;
  }

  /** Durations are written like {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 90d}. */
  public Duration duration(String key) {
    Object v = raw(key);
    Matcher m = v instanceof String s ? DURATION.matcher(s.trim()) : null;
    if (m == null || !m.matches()) {
      throw new ConfigException(key, "must be a duration such as 500ms, 30s, 5m, 2h or 90d, is " + v);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private Object raw(String key) {
    String[] path = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.getJsonObject(path[i]);
      if (node == null) {
        throw new ConfigException(key, "missing");
      }
    }
    if (!node.containsKey(path[path.length - 1])) {
      throw new ConfigException(key, "missing");
    }
    return node.getValue(path[path.length - 1]);
  }

  private static JsonObject readFile(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    } catch (DecodeException e) {
      throw new ConfigException("configuration file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static void overlay(JsonObject target, JsonObject source, String prefix) {
    for (Map.Entry<String, Object> e : source) {
      String key = prefix + e.getKey();
      if (!target.containsKey(e.getKey())) {
        throw new ConfigException(key, "unknown key (see docs/CONFIGURATION.md for the keys)");
      }
      Object existing = target.getValue(e.getKey());
      if (existing instanceof JsonObject nested) {
        if (!(e.getValue() instanceof JsonObject given)) {
          throw new ConfigException(key, "must be an object");
        }
        overlay(nested, given, key + ".");
      } else {
        target.put(e.getKey(), e.getValue());
      }
    }
  }

  private static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env) {
    for (String field : node.fieldNames()) {
      String key = prefix + field;
      Object value = node.getValue(field);
      if (value instanceof JsonObject nested) {
        applyEnvironment(nested, key + ".", env);
        continue;
      }
      String fromEnv = env.get(environmentName(key));
      if (fromEnv != null) {
        node.put(field, parseLike(value, fromEnv, key));
      }
    }
  }

  /** {@code ingest.maxBatchRows} becomes {@code PANTAU_INGEST_MAX_BATCH_ROWS}. */
  public static String environmentName(String key) {
    return "PANTAU_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  private static Object parseLike(Object template, String text, String key) {
    try {
      if (template instanceof Boolean) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new ConfigException(key, "environment variable " + environmentName(key) + " must be true or false");
        }
        return Boolean.parseBoolean(text);
      }
      if (template instanceof Integer || template instanceof Long) {
        return Long.parseLong(text.trim());
      }
      if (template instanceof Number) {
        return Double.parseDouble(text.trim());
      }
      return text;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "environment variable " + environmentName(key) + " must be a number, is '" + text + "'");
    }
  }
}
