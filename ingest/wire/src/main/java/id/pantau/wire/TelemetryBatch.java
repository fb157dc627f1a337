package id.pantau.wire;

import java.util.Arrays;

/**
 * A decoded telemetry batch. Readings are held in columns (parallel arrays), not objects:
 * a batch may hold 10,000 readings and this is the ingest hot path.
 */
public final class TelemetryBatch {
  private final BatchId id;
  private final String[] sensors;
  private final Metric[] metrics;
  private final long[] timestamps;
  private final double[] values;
  private final int size;

  private TelemetryBatch(BatchId id, String[] sensors, Metric[] metrics, long[] timestamps, double[] values, int size) {
    this.id = id;
    this.sensors = sensors;
    this.metrics = metrics;
    this.timestamps = timestamps;
    this.values = values;
    this.size = size;
  }

  public static Builder builder() {
    return new Builder(16);
  }

  public static Builder builder(int expectedReadings) {
    return new Builder(expectedReadings);
  }

  public BatchId id() {
    return id;
  }

  public int size() {
    return size;
  }

  public String sensor(int i) {
    return sensors[i];
  }

  public Metric metric(int i) {
    return metrics[i];
  }

  /** Epoch milliseconds of reading i. */
  public long timestamp(int i) {
    return timestamps[i];
  }

  public double value(int i) {
    return values[i];
  }

  /** Accumulates readings; not thread-safe. */
  public static final class Builder {
    private String[] sensors;
    private Metric[] metrics;
    private long[] timestamps;
    private double[] values;
    private int size;

    private Builder(int capacity) {
      int c = Math.max(capacity, 1);
      sensors = new String[c];
      metrics = new Metric[c];
      timestamps = new long[c];
      values = new double[c];
    }

    public Builder add(String sensor, Metric metric, long timestampMillis, double value) {
      if (size == sensors.length) {
        int c = size * 2;
        sensors = Arrays.copyOf(sensors, c);
        metrics = Arrays.copyOf(metrics, c);
        timestamps = Arrays.copyOf(timestamps, c);
        values = Arrays.copyOf(values, c);
      }
      sensors[size] = sensor;
      metrics[size] = metric;
      timestamps[size] = timestampMillis;
      values[size] = value;
      size++;
      return this;
    }

    public int size() {
      return size;
    }

    public TelemetryBatch build(BatchId id) {
      return new TelemetryBatch(id, sensors, metrics, timestamps, values, size);
    }
  }
}
