package id.pantau.dashboard.quality;

import static id.pantau.dashboard.quality.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletenessTest {
  static final Instant HOUR = T0;
  static final Instant END = T0.plus(Duration.ofHours(1));

  @Test
  void expectedIsEachSensorMetricsShareOfTheHourOverItsCadence() {
    List<Completeness.Expectation> expected = List.of(
        new Completeness.Expectation(T0.minus(Duration.ofDays(3)), Duration.ofMinutes(1)),   // 60
        new Completeness.Expectation(T0.minus(Duration.ofDays(3)), Duration.ofMinutes(5)),   // 12
        new Completeness.Expectation(T0.plus(Duration.ofMinutes(30)), Duration.ofMinutes(1)), // first seen half way: 30
        new Completeness.Expectation(END.plusSeconds(1), Duration.ofMinutes(1)));            // not there yet: 0

    Completeness c = Completeness.of(HOUR, END, expected, 51);

    assertEquals(102.0, c.expected(), 1e-9);
    assertEquals(51, c.received());
    assertEquals(50.0, c.percent());
  }

  @Test
  void moreThanExpectedIsAHundredPercentAndNothingExpectedHasNoPercent() {
    List<Completeness.Expectation> one = List.of(new Completeness.Expectation(null, Duration.ofMinutes(1)));
    assertEquals(100.0, Completeness.of(HOUR, END, one, 75).percent());
    assertEquals(33.3, Completeness.of(HOUR, END, one, 20).percent());
    assertNull(Completeness.of(HOUR, END, List.of(), 5).percent());
  }

  @Test
  void aCadenceIsLearnedAsTheMedianInterval() {
    List<Sample> samples = Samples.every(Duration.ofSeconds(30), 1, 2, 3, 4, 5);
    assertEquals(Duration.ofSeconds(30), CadenceBook.median(samples).orElseThrow());
    // one gap of 20 minutes (a restart) does not move the median
    List<Sample> withGap = Samples.then(samples, Samples.every(Duration.ofSeconds(30), 6, 7, 8));
    assertEquals(Duration.ofSeconds(30), CadenceBook.median(withGap).orElseThrow());
    assertEquals(java.util.Optional.empty(), CadenceBook.median(Samples.every(Duration.ofSeconds(30), 1, 2)));
  }
}
