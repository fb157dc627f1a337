package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.SensorType;
import id.pantau.wire.Metric;
import java.util.SplittableRandom;

/**
 * One sensor's one metric: the unit a gateway samples. Each slot has its own random stream,
 * seeded from the run's seed and its name, so a seed repeats every value in the same order
 * however the slots are spread over gateways and threads.
 */
public final class SensorSlot {
  private final String sensor;
  private final Metric metric;
  private final SensorType type;
  private final String kecamatan;
  private final String zone;
  private final Scenario.GaugeSpec gauge;
  private final long intervalMillis;
  private final SplittableRandom random;
  /** A fixed per-sensor character: 0.85 to 1.15 times the city's pattern. */
  private final double bias;
  private final boolean faulty;
  private SlotFaults faults = SlotFaults.NONE;
  private long lastTs = Long.MIN_VALUE;
  private long nextDue;

  public SensorSlot(long seed, String sensor, Metric metric, SensorType type, String kecamatan, String zone,
      Scenario.GaugeSpec gauge, int intervalSeconds) {
    this.sensor = sensor;
    this.metric = metric;
    this.type = type;
    this.kecamatan = kecamatan;
    this.zone = zone;
    this.gauge = gauge;
    this.intervalMillis = intervalSeconds * 1000L;
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (sensor + "/" + metric.wireName()).hashCode());
    this.bias = 0.85 + 0.3 * random.nextDouble();
    this.faulty = random.nextDouble() < 0.03;
  }

  public String sensor() {
    return sensor;
  }

  public Metric metric() {
    return metric;
  }

  public SensorType type() {
    return type;
  }

  public String kecamatan() {
    return kecamatan;
  }

  public String zone() {
    return zone;
  }

  public Scenario.GaugeSpec gauge() {
    return gauge;
  }

  public long intervalMillis() {
    return intervalMillis;
  }

  /** The scenario's faults that touch this slot; {@link SlotFaults#NONE} for most. */
  public SlotFaults faults() {
    return faults;
  }

  void faults(SlotFaults faults) {
    this.faults = faults;
  }

  double bias() {
    return bias;
  }

  /** A street light that is out, or a sensor otherwise off its pattern: about 3 in 100. */
  boolean faulty() {
    return faulty;
  }

  double gaussian(double sd) {
    return random.nextGaussian() * sd;
  }

  double uniform() {
    return random.nextDouble();
  }

  /**
   * A timestamp for this slot's next reading at or after {@code wantedMillis}, strictly after
   * its previous one: no two readings of a slot share a timestamp, so verification can tell a
   * duplicate from a second reading.
   */
  public long nextTimestamp(long wantedMillis) {
    lastTs = Math.max(wantedMillis, lastTs + 1);
    return lastTs;
  }

  /** When the slot samples next on its own interval (natural pacing), in wall-clock ms. */
  public long nextDue() {
    return nextDue;
  }

  public void scheduleFirst(long wallMillis) {
    // spread first samples over the interval so a city's sensors do not all fire in the same second
    nextDue = wallMillis + (long) (uniform() * intervalMillis);
  }

  public void advanceDue() {
    nextDue += intervalMillis;
  }
}
