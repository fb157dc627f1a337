package id.pantau.simulator.verify;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.model.SlotFaults;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Checks the server's quality flag against what the run meant: exactly the readings a fault sent
 * outside their plausible range on purpose must be stored flagged, and every other reading
 * unflagged. Also counts, per fault, how many of the readings it changed were acknowledged,
 * stored and flagged: the "sent as scripted" account of faults the server does not flag
 * (stuck, drift) as well as of those it does.
 */
final class FlagCheck {
  private static final int EXAMPLES = 20;

  private final Map<String, SlotFaults.Marks> marks;
  private final long[] acknowledged;
  private final long[] stored;
  private final long[] flagged;
  private long meant;
  private long flaggedAsMeant;
  private long flaggedNotMeant;
  private long meantNotFlagged;
  private final List<String> examples = new ArrayList<>();

  /**
   * @param marks per slot, the readings the run's faults changed
   * @param faults how many faults the scenario has
   */
  FlagCheck(Map<String, SlotFaults.Marks> marks, int faults, ReadingKeys acked) {
    this.marks = marks;
    this.acknowledged = new long[faults];
    this.stored = new long[faults];
    this.flagged = new long[faults];
    marks.forEach((slot, m) -> {
      for (int i = 0; i < m.ts().length; i++) {
        if (acked.indexOf(slot, m.ts()[i]) >= 0) {
          addTo(acknowledged, m.faults()[i]);
          if (m.implausible().get(i)) {
            meant++;
          }
        }
      }
    });
  }

  /** A reading the database holds and the run sent; {@code flaggedCopies} of its copies carry a flag. */
  void stored(String slot, long ts, long copies, long flaggedCopies, double value) {
    SlotFaults.Marks m = marks.get(slot);
    int i = m == null ? -1 : m.indexOf(ts);
    boolean onPurpose = i >= 0 && m.implausible().get(i);
    if (i >= 0) {
      addTo(stored, m.faults()[i]);
      if (flaggedCopies > 0) {
        addTo(flagged, m.faults()[i]);
      }
    }
    String by = i >= 0 ? " (changed by fault " + numbers(m.faults()[i]) + ")" : "";
    if (onPurpose && flaggedCopies == copies) {
      flaggedAsMeant++;
    } else if (onPurpose) {
      meantNotFlagged++;
      example(slot + "@" + ts + " = " + value + " sent implausible on purpose" + by + ", stored without a flag");
    } else if (flaggedCopies > 0) {
      flaggedNotMeant++;
      example(slot + "@" + ts + " = " + value + " stored flagged, but sent as plausible" + by);
    }
  }

  RunResult.FlagVerification result() {
    List<RunResult.FaultCheck> faults = new ArrayList<>();
    for (int f = 0; f < stored.length; f++) {
      faults.add(new RunResult.FaultCheck(f + 1, acknowledged[f], stored[f], flagged[f]));
    }
    return new RunResult.FlagVerification(meant, flaggedAsMeant, flaggedNotMeant, meantNotFlagged,
        List.copyOf(examples), List.copyOf(faults));
  }

  private static void addTo(long[] counts, long faultBits) {
    for (int f = 0; f < counts.length; f++) {
      if ((faultBits & 1L << f) != 0) {
        counts[f]++;
      }
    }
  }

  private static String numbers(long faultBits) {
    List<String> out = new ArrayList<>();
    BitSet.valueOf(new long[] {faultBits}).stream().forEach(b -> out.add("#" + (b + 1)));
    return String.join(", ", out);
  }

  private void example(String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }
}
