package id.pantau.dashboard.quality;

import static id.pantau.dashboard.quality.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckDetectorTest {
  final StuckDetector detector = new StuckDetector(6, Duration.ofMinutes(30));
  static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aPm25SensorRepeatingOneValueForHalfAnHourIsStuckSinceTheFirstOfThem() {
    // given a sensor reporting every minute that moved, then read 35 for 31 minutes
    List<Sample> samples = Samples.then(Samples.every(MINUTE, 30, 31, 33), Samples.constant(MINUTE, 31, 35));

    Finding f = detector.check(Metric.PM25, samples).orElseThrow();

    assertEquals(SensorState.SUSPECT, f.state());
    assertEquals("stuck", f.reason());
    assertEquals(T0.plus(Duration.ofMinutes(3)), f.since(), "the first reading of the run");
    assertTrue(f.detail().contains("31 readings"), f.detail());
  }

  @Test
  void manyEqualReadingsInAShortSpanOrFewInALongOneAreNotStuck() {
    // a fast sensor reading the same whole number 60 times in 10 minutes (clean air)
    assertTrue(detector.check(Metric.PM25, Samples.constant(Duration.ofSeconds(10), 60, 12)).isEmpty());
    // a slow sensor that sent 3 equal readings an hour apart
    assertTrue(detector.check(Metric.PM25, Samples.constant(Duration.ofMinutes(60), 3, 12)).isEmpty());
    // 29 minutes of the same value: not yet
    assertTrue(detector.check(Metric.PM25, Samples.constant(MINUTE, 30, 12)).isEmpty());
    assertTrue(detector.check(Metric.PM25, Samples.constant(MINUTE, 31, 12)).isPresent(), "30 minutes: stuck");
  }

  @Test
  void aValueThatChangesAgainEndsTheRunAndFlaggedReadingsDoNotBreakIt() {
    List<Sample> stuck = new ArrayList<>(Samples.constant(MINUTE, 40, 12));
    stuck.add(20, new Sample(T0.plusSeconds(20 * 60 + 30), 1e308, true));
    assertTrue(detector.check(Metric.PM25, stuck).isPresent(), "a flagged reading in between is skipped");

    List<Sample> recovered = Samples.then(Samples.constant(MINUTE, 40, 12), Samples.every(MINUTE, 13));
    assertTrue(detector.check(Metric.PM25, recovered).isEmpty(), "the newest value differs: recovered");
  }

  @Test
  void metricsThatRestLegitimatelyAreNeverStuck() {
    List<Sample> dryDay = Samples.constant(Duration.ofMinutes(10), 144, 0);
    assertTrue(detector.check(Metric.RAINFALL_MM, dryDay).isEmpty());
    assertTrue(detector.check(Metric.WATER_LEVEL_CM, Samples.constant(MINUTE, 120, 85)).isEmpty());
    assertTrue(detector.check(Metric.TEMPERATURE_C, Samples.constant(MINUTE, 120, 24.5)).isPresent());
  }
}
