package id.pantau.dashboard.quality;

import static id.pantau.dashboard.quality.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {
  final SpikeDetector detector = new SpikeDetector(5);
  static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aRiverRisingTwoMetresInAMinuteIsASpike() {
    List<Sample> samples = Samples.every(MINUTE, 100, 101, 102, 302);

    Finding f = detector.check(Metric.WATER_LEVEL_CM, samples).orElseThrow();

    assertEquals(SensorState.SUSPECT, f.state());
    assertEquals("spike", f.reason());
    assertEquals(T0.plus(Duration.ofMinutes(3)), f.since());
  }

  @Test
  void aFastButPossibleRiseIsNot() {
    // a flash flood: 40 cm a minute for ten minutes (a metre in 2.5 minutes at the end)
    double[] rising = new double[11];
    for (int i = 0; i < rising.length; i++) {
      rising[i] = 100 + 40 * i;
    }
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, Samples.every(MINUTE, rising)).isEmpty());
    // the same step over ten minutes of silence between two readings is a rate of 20 cm a minute
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, Samples.every(Duration.ofMinutes(10), 100, 300)).isEmpty());
  }

  @Test
  void theSensorIsTrustedAgainAfterFiveBelievableReadings() {
    List<Sample> jump = Samples.every(MINUTE, 100, 400, 401, 402, 403);
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, jump).isPresent(), "3 readings after: still suspect");
    List<Sample> settled = new ArrayList<>(jump);
    settled.add(new Sample(T0.plus(Duration.ofMinutes(5)), 404, false));
    settled.add(new Sample(T0.plus(Duration.ofMinutes(6)), 405, false));
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, settled).isEmpty(), "5 readings after: trusted");
  }

  @Test
  void changesWithinAMinuteAreJudgedAsTakingTheMinuteAndFlaggedOnesAreSkipped() {
    // a second-by-second gauge's noise of 2 cm is not 120 cm a minute; 60 cm within a second is a spike
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, Samples.every(Duration.ofSeconds(1), 100, 102, 100, 101))
        .isEmpty());
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, List.of(new Sample(T0, 100, false),
        new Sample(T0, 160, false))).isPresent());
    // a reading flagged implausible (900 beyond the gauge's span) is no jump
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, List.of(new Sample(T0, 100, false),
        new Sample(T0.plusSeconds(60), 900, true), new Sample(T0.plusSeconds(120), 101, false))).isEmpty());
  }

  @Test
  void noSettleReadingsTurnsTheCheckOff() {
    assertTrue(new SpikeDetector(0).check(Metric.WATER_LEVEL_CM, Samples.every(MINUTE, 100, 400)).isEmpty());
  }

  @Test
  void metricsWithoutALimitAreNotJudged() {
    assertTrue(detector.check(Metric.NOISE_DB, Samples.every(MINUTE, 40, 120)).isEmpty(), "a horn is real");
    assertTrue(detector.check(Metric.PM25, Samples.every(MINUTE, 20, 900)).isPresent());
  }
}
