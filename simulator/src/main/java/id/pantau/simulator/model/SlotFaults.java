package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Fault;
import id.pantau.wire.PlausibleRange;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The faults that touch one sensor slot, applied to each reading as it is sampled, and a mark
 * for every reading a fault changed: its timestamp as sent, which faults changed it, and whether
 * it went out implausible on purpose (outside the range the server's city file gives). The
 * verifier reads the marks to know which stored readings must carry the server's flag.
 *
 * <p>Driven by the event loop of the slot's gateway only.
 */
public final class SlotFaults {
  /** A slot no fault touches: its readings go out as sampled. */
  public static final SlotFaults NONE = new SlotFaults(null, List.of(), null, null);

  /** A reading as it goes out. */
  public record Sent(long ts, double value) {
  }

  /**
   * The readings a fault changed, in the order sent (timestamps strictly increasing).
   *
   * @param faults per reading, bit {@code n - 1} set for fault number n
   */
  public record Marks(long[] ts, long[] faults, BitSet implausible) {
    /** Index of a timestamp, or -1. */
    public int indexOf(long timestamp) {
      int i = Arrays.binarySearch(ts, timestamp);
      return i >= 0 ? i : -1;
    }
  }

  /** One fault on this slot, with what it keeps between readings. */
  static final class Active {
    final FaultTally tally;
    final SplittableRandom random;
    Double held;

    Active(FaultTally tally, SplittableRandom random) {
      this.tally = tally;
      this.random = random;
    }
  }

  private final String slot;
  private final List<Active> active;
  private final ModelClock clock;
  private final PlausibleRange range;
  private long lastSentTs = Long.MIN_VALUE;
  private long[] markTs = new long[16];
  private long[] markFaults = new long[16];
  private final BitSet implausible = new BitSet();
  private int marks;

  SlotFaults(String slot, List<Active> active, ModelClock clock, PlausibleRange range) {
    this.slot = slot;
    this.active = active;
    this.clock = clock;
    this.range = range;
  }

  public boolean isEmpty() {
    return active.isEmpty();
  }

  /** {@code sensor/metric}, as the verifier names a slot. */
  public String slot() {
    return slot;
  }

  /**
   * The reading as sent, or null when a fault withholds it.
   *
   * @param ts the reading's true time (wall clock); the fault window is judged on it
   */
  public Sent apply(long ts, double value) {
    double minute = clock.minuteAt(ts);
    for (Active a : active) {
      Fault.Effect e = a.tally.fault.effect();
      if ((e instanceof Fault.Silent || e instanceof Fault.Dropout) && a.tally.fault.activeAt(minute)) {
        a.tally.withheld.increment();
        return null;
      }
    }
    long sentTs = ts;
    double v = value;
    long changed = 0;
    long changedValue = 0;
    for (Active a : active) {
      Fault f = a.tally.fault;
      if (!f.activeAt(minute)) {
        continue;
      }
      Fault.Effect e = f.effect();
      if (e instanceof Fault.Stuck s) {
        if (a.held == null) {
          a.held = s.value() != null ? s.value() : v;
          a.tally.stuckAt = String.valueOf(a.held);
        }
        v = a.held;
      } else if (e instanceof Fault.Spike s) {
        if (a.random.nextDouble() >= s.probability()) {
          continue;
        }
        v += s.delta();
      } else if (e instanceof Fault.UnitMixup u) {
        v *= u.factor();
      } else if (e instanceof Fault.ClockDrift d) {
        long since = Math.max(0, ts - clock.wallMillisAt(f.startMinute()));
        sentTs = ts - (long) (since * d.lagSecondsPerHour() / 3600.0);
        a.tally.maxLagMillis.accumulate(ts - sentTs);
      }
      long bit = 1L << (f.number() - 1);
      changed |= bit;
      if (!(e instanceof Fault.ClockDrift)) {
        changedValue |= bit;
      }
      a.tally.changed.increment();
    }
    // JSON has no infinity: a stuck 1e308 times a mix-up goes out as the largest double instead
    v = Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
    // a drifting clock still never stamps two readings of a slot alike (verification keys on it)
    sentTs = Math.max(sentTs, lastSentTs + 1);
    lastSentTs = sentTs;
    if (changed != 0) {
      boolean offRange = changedValue != 0 && !range.contains(v);
      mark(sentTs, changed, offRange);
      if (offRange) {
        for (Active a : active) {
          if ((changedValue & 1L << (a.tally.fault.number() - 1)) != 0) {
            a.tally.implausible.increment();
          }
        }
      }
    }
    return new Sent(sentTs, v);
  }

  public Marks marks() {
    return new Marks(Arrays.copyOf(markTs, marks), Arrays.copyOf(markFaults, marks), (BitSet) implausible.clone());
  }

  private void mark(long ts, long faults, boolean offRange) {
    if (marks == markTs.length) {
      markTs = Arrays.copyOf(markTs, marks * 2);
      markFaults = Arrays.copyOf(markFaults, marks * 2);
    }
    markTs[marks] = ts;
    markFaults[marks] = faults;
    if (offRange) {
      implausible.set(marks);
    }
    marks++;
  }
}
