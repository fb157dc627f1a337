package id.pantau.simulator.scenario;

import id.pantau.wire.Metric;

/**
 * A fault the scenario scripts into one sensor or one gateway: what goes wrong, from which model
 * minute and for how long, so an engineer can watch the wall and the alerts react. Read by
 * {@link ScenarioReader} from {@code faults}; {@code id.pantau.simulator.model.FaultSchedule}
 * applies it to the readings as they are sampled.
 *
 * @param number position in the scenario's {@code faults}, from 1 (names the fault in reports)
 * @param sensor the sensor it touches, or null when it touches a gateway
 * @param gateway the gateway it touches ({@code city.kec.gwN}), or null when it touches a sensor
 * @param metric the one metric it touches, or null for every metric of the sensor
 * @param durationMinutes model minutes it lasts; infinite when it lasts to the end of the run
 */
public record Fault(int number, Effect effect, String sensor, String gateway, Metric metric, double startMinute,
    double durationMinutes) {

  /** What the fault does to the readings it touches. */
  public sealed interface Effect permits Stuck, Spike, Silent, Dropout, UnitMixup, ClockDrift {
    /** The name used in scenario files, e.g. {@code unit_mixup}. */
    String kind();
  }

  /** The value freezes: at {@code value} if given, else at the first reading of the window. */
  public record Stuck(Double value) implements Effect {
    public String kind() {
      return "stuck";
    }
  }

  /** Each reading in the window jumps by {@code delta}, with this probability (seeded). */
  public record Spike(double delta, double probability) implements Effect {
    public String kind() {
      return "spike";
    }
  }

  /** The sensor stops sending while its gateway goes on. */
  public record Silent() implements Effect {
    public String kind() {
      return "silent";
    }
  }

  /** The gateway keeps sending, but this share of its sensors (chosen by the seed) fall silent. */
  public record Dropout(double share) implements Effect {
    public String kind() {
      return "dropout";
    }
  }

  /** Values are sent in the wrong unit: multiplied by {@code factor} (1000 for mg read as µg). */
  public record UnitMixup(double factor) implements Effect {
    public String kind() {
      return "unit_mixup";
    }
  }

  /**
   * The clock falls behind: readings are stamped {@code lagSecondsPerHour} seconds earlier for
   * each hour of wall-clock time since the fault began; the clock is set right when it ends.
   * Only behind: a clock ahead by more than the server's allowed skew gets its batches rejected.
   */
  public record ClockDrift(double lagSecondsPerHour) implements Effect {
    public String kind() {
      return "clock_drift";
    }
  }

  public boolean touchesGateway() {
    return gateway != null;
  }

  /** Whether a model minute falls inside the fault's window. */
  public boolean activeAt(double minute) {
    return minute >= startMinute && minute - startMinute < durationMinutes;
  }

  /** One line for reports: {@code #2 stuck aq-coblong-01/pm25 from minute 10 for 30 min}. */
  public String describe() {
    String target = (sensor != null ? sensor : gateway) + (metric != null ? "/" + metric.wireName() : "");
    String window = Double.isInfinite(durationMinutes) ? " to the end"
        : " for " + trim(durationMinutes) + " min";
    return "#" + number + " " + effect.kind() + " " + target + " from minute " + trim(startMinute) + window;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
