package id.pantau.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a telemetry batch as protocol v1 JSON: what a gateway (or the simulator) sends. */
public final class TelemetryEncoder {
  private static final JsonFactory JSON = new JsonFactory();

  private TelemetryEncoder() {
  }

  public static byte[] encode(TelemetryBatch batch) {
    var out = new ByteArrayOutputStream(64 + batch.size() * 80);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("gateway", batch.id().gateway());
      g.writeNumberField("boot", batch.id().boot());
      g.writeNumberField("seq", batch.id().seq());
      g.writeArrayFieldStart("readings");
      for (int i = 0; i < batch.size(); i++) {
        g.writeStartObject();
        g.writeStringField("sensor", batch.sensor(i));
        g.writeStringField("metric", batch.metric(i).wireName());
        g.writeNumberField("ts", batch.timestamp(i));
        g.writeNumberField("value", batch.value(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
