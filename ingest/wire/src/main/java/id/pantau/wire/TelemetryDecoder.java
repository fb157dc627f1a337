package id.pantau.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

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
  protected void readItem(JsonParser p, int index, TelemetryBatch.Builder acc, long nowMillis)
      throws IOException, RejectedException {
    String sensor = null;
    Metric metric = null;
    long ts = 0;
    boolean hasTs = false;
    double value = 0;
    boolean hasValue = false;
    Set<String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "sensor" -> {
          once(sensor != null, index, field);
          sensor = readId(p, index, "sensor");
        }
        case "metric" -> {
          once(metric != null, index, field);
          metric = readMetric(p, index);
        }
        case "ts" -> {
          once(hasTs, index, field);
          ts = readLong(p, index, "ts");
          hasTs = true;
        }
        case "value" -> {
          once(hasValue, index, field);
          value = readFiniteNumber(p, index, "value");
          hasValue = true;
        }
        default -> {
          unknown = onceUnknown(unknown, index, field);
          p.skipChildren();
        }
      }
    }
    require(sensor != null, index, "sensor");
    require(metric != null, index, "metric");
    require(hasTs, index, "ts");
    require(hasValue, index, "value");
    checkTimestamp(ts, index, "ts", nowMillis);
    acc.add(sensor, metric, ts, value);
  }

  private Metric readMetric(JsonParser p, int index) throws IOException, RejectedException {
    String name = readString(p, index, "metric");
    Metric m = Metric.byWireName(name);
    if (m == null) {
      throw reject(path(index, "metric") + " '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name)
          + "' is not in the metric catalogue");
    }
    return m;
  }
}
