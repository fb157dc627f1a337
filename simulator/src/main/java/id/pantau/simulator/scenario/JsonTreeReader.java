package id.pantau.simulator.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON text into {@link JsonNode}s that carry their line and column. */
final class JsonTreeReader {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .build();

  private JsonTreeReader() {
  }

  static JsonNode read(String source, String text) {
    try (JsonParser p = JSON.createParser(text)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ScenarioException(source, 1, 1, "", "the file is empty");
      }
      JsonNode root = value(p, source, "");
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new ScenarioException(source, at.getLineNr(), at.getColumnNr(), "", "unexpected content after the top-level object");
      }
      return root;
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage();
      throw new ScenarioException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
          "not valid JSON: " + message);
    } catch (IOException e) {
      throw new ScenarioException(source, 0, 0, "", "cannot read: " + e.getMessage());
    }
  }

  private static JsonNode value(JsonParser p, String source, String path) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          fields.put(name, value(p, source, path.isEmpty() ? name : path + "." + name));
        }
        yield new JsonNode(fields, path, line, column);
      }
      case START_ARRAY -> {
        List<JsonNode> items = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p, source, path + "[" + i++ + "]"));
        }
        yield new JsonNode(items, path, line, column);
      }
      case VALUE_STRING -> new JsonNode(p.getText(), path, line, column);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNode(p.getNumberValue(), path, line, column);
      case VALUE_TRUE -> new JsonNode(Boolean.TRUE, path, line, column);
      case VALUE_FALSE -> new JsonNode(Boolean.FALSE, path, line, column);
      default -> new JsonNode(null, path, line, column);
    };
  }
}
