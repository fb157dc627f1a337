package id.pantau.simulator.model;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Maps the wall clock to the model's clock. Readings are always stamped with wall-clock time
 * (the server checks clock skew); the model's clock decides the hour of day and the weather,
 * and may run faster ({@code speed}) so a day's patterns play out in a short run.
 */
public final class ModelClock {
  private final ZoneId zone;
  private final LocalTime startAt;
  private final double speed;
  private volatile long wallStartMillis;
  private volatile ZonedDateTime modelStart;

  public ModelClock(long wallStartMillis, ZoneId zone, LocalTime startAt, double speed) {
    this.zone = zone;
    this.startAt = startAt;
    this.speed = speed;
    startAt(wallStartMillis);
  }

  /** Restarts the model at this wall-clock time: a run calls it once its gateways are connected. */
  public void startAt(long wallMillis) {
    ZonedDateTime wallStart = Instant.ofEpochMilli(wallMillis).atZone(zone);
    this.modelStart = startAt == null ? wallStart : wallStart.with(startAt);
    this.wallStartMillis = wallMillis;
  }

  /** Model minutes since the start at this wall-clock time. */
  public double minuteAt(long wallMillis) {
    return (wallMillis - wallStartMillis) * speed / 60_000.0;
  }

  /** The wall-clock time at which the model reaches this many minutes after its start. */
  public long wallMillisAt(double modelMinute) {
    return wallStartMillis + Math.round(modelMinute * 60_000.0 / speed);
  }

  /** Local hour of day in the model (0 to 24, fractional) at this model minute. */
  public double hourOfDay(double modelMinute) {
    double startHour = modelStart.getHour() + modelStart.getMinute() / 60.0 + modelStart.getSecond() / 3600.0;
    double h = (startHour + modelMinute / 60.0) % 24.0;
    return h < 0 ? h + 24 : h;
  }

  public double speed() {
    return speed;
  }

  public long wallStartMillis() {
    return wallStartMillis;
  }
}
