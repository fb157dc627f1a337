package id.pantau.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Decodes a protocol v1 telemetry batch. Thread-safe. */
public final class TelemetryDecoder extends BatchDecoder<TelemetryBatch.Builder, TelemetryBatch> {

  public TelemetryDecoder(DecodeLimits limits) {
    super(limits);
  }

  @Override
  protected String itemsField() {
    return "readings";
  }

  @Override
  protected TelemetryBatch.Builder newAccumulator() {
    return TelemetryBatch.builder(64);
  }

  @Override
  protected int count(TelemetryBatch.Builder acc) {
    return acc.size();
  }

  @Override
  protected TelemetryBatch build(BatchId id, TelemetryBatch.Builder acc) {
    return acc.build(id);
  }

  @Override
  protected void readItem(JsonParser p, String path, TelemetryBatch.Builder acc, long nowMillis)
      throws IOException, RejectedException {
    String sensor = null;
    Metric metric = null;
    Long ts = null;
    Double value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "sensor" -> sensor = readId(p, path + ".sensor");
        case "metric" -> metric = readMetric(p, path + ".metric");
        case "ts" -> ts = readLong(p, path + ".ts");
        case "value" -> value = readFiniteNumber(p, path + ".value");
        default -> p.skipChildren();
      }
    }
    require(sensor, path + ".sensor");
    require(metric, path + ".metric");
    require(ts, path + ".ts");
    require(value, path + ".value");
    checkTimestamp(ts, path + ".ts", nowMillis);
    acc.add(sensor, metric, ts, value);
  }

  private static Metric readMetric(JsonParser p, String path) throws IOException, RejectedException {
    String name = readString(p, path);
    Metric m = Metric.byWireName(name);
    if (m == null) {
      throw reject(path + " '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name)
          + "' is not in the metric catalogue");
    }
    return m;
  }
}
