package id.pantau.simulator.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.model.SlotFaults;
import id.pantau.wire.BatchId;
import id.pantau.wire.Metric;
import id.pantau.wire.TelemetryBatch;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagCheckTest {
  private static final String PM25 = "aq-coblong-01/pm25";

  /** Readings at 1..4 s; fault #1 changed 2, 3 and 4, and sent 3 and 4 implausible on purpose. */
  private static FlagCheck check() {
    TelemetryBatch batch = TelemetryBatch.builder(4)
        .add("aq-coblong-01", Metric.PM25, 1_000, 30)
        .add("aq-coblong-01", Metric.PM25, 2_000, 31)
        .add("aq-coblong-01", Metric.PM25, 3_000, 31_000)
        .add("aq-coblong-01", Metric.PM25, 4_000, 32_000)
        .build(new BatchId("bandung.coblong.gw1", 1, 1));
    BitSet implausible = new BitSet();
    implausible.set(1, 3);
    SlotFaults.Marks marks = new SlotFaults.Marks(new long[] {2_000, 3_000, 4_000}, new long[] {1, 1, 1}, implausible);
    return new FlagCheck(Map.of(PM25, marks), 1, new ReadingKeys(List.of(batch)));
  }

  @Test
  void exactlyTheReadingsMeantImplausibleFlaggedPasses() {
    FlagCheck check = check();
    check.stored(PM25, 1_000, 1, 0, 30);
    check.stored(PM25, 2_000, 1, 0, 31);
    check.stored(PM25, 3_000, 1, 1, 31_000);
    check.stored(PM25, 4_000, 1, 1, 32_000);
    RunResult.FlagVerification result = check.result();
    assertTrue(result.passed(), result.toString());
    assertEquals(2, result.meant());
    assertEquals(2, result.flaggedAsMeant());
    assertEquals(List.of(new RunResult.FaultCheck(1, 3, 3, 2)), result.faults());
  }

  @Test
  void aFlagOnAPlausibleReadingAndAnImplausibleOneUnflaggedAreBothCaughtAndNamed() {
    FlagCheck check = check();
    check.stored(PM25, 1_000, 1, 1, 30);
    check.stored(PM25, 2_000, 1, 0, 31);
    check.stored(PM25, 3_000, 1, 0, 31_000);
    check.stored(PM25, 4_000, 1, 1, 32_000);
    RunResult.FlagVerification result = check.result();
    assertFalse(result.passed());
    assertEquals(1, result.flaggedNotMeant());
    assertEquals(1, result.meantNotFlagged());
    assertEquals(1, result.flaggedAsMeant());
    assertEquals(List.of(
        "aq-coblong-01/pm25@1000 = 30.0 stored flagged, but sent as plausible",
        "aq-coblong-01/pm25@3000 = 31000.0 sent implausible on purpose (changed by fault #1), stored without a flag"),
        result.examples());
  }
}
