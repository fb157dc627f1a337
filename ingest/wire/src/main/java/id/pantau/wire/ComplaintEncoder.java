package id.pantau.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a complaint event batch as protocol v1 JSON: what a gateway (or the simulator) sends. */
public final class ComplaintEncoder {
  private static final JsonFactory JSON = new JsonFactory();

  private ComplaintEncoder() {
  }

  public static byte[] encode(ComplaintBatch batch) {
    var out = new ByteArrayOutputStream(64 + batch.size() * 200);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("gateway", batch.id().gateway());
      g.writeNumberField("boot", batch.id().boot());
      g.writeNumberField("seq", batch.id().seq());
      g.writeArrayFieldStart("events");
      for (ComplaintEvent e : batch.events()) {
        g.writeStartObject();
        g.writeStringField("id", e.complaintId());
        g.writeStringField("event", e.event().wireName());
        g.writeNumberField("ts", e.ts());
        optional(g, "category", e.category());
        optional(g, "kelurahan", e.kelurahan());
        if (e.lat() != null && e.lon() != null) {
          g.writeNumberField("lat", e.lat());
          g.writeNumberField("lon", e.lon());
        }
        optional(g, "channel", e.channel());
        optional(g, "priority", e.priority());
        optional(g, "text", e.text());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void optional(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }
}
