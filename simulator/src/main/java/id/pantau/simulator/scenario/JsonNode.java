package id.pantau.simulator.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers where it was written, so a bad scenario is reported by file,
 * line, column and key path instead of "invalid JSON".
 */
record JsonNode(Object value, String path, int line, int column) {
  boolean isObject() {
    return value instanceof Map;
  }

  boolean isArray() {
    return value instanceof List;
  }

  @SuppressWarnings("unchecked")
  Map<String, JsonNode> fields() {
    return isObject() ? (Map<String, JsonNode>) value : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  List<JsonNode> items() {
    return isArray() ? (List<JsonNode>) value : List.of();
  }

  String describe() {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (isObject()) {
      return "an object";
    }
    if (isArray()) {
      return "an array";
    }
    return value.toString();
  }
}
