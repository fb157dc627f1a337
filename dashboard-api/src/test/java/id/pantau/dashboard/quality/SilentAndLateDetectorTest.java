package id.pantau.dashboard.quality;

import static id.pantau.dashboard.quality.Samples.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SilentAndLateDetectorTest {
  final SilentDetector silent = new SilentDetector(3, Duration.ofMinutes(5));
  final LateDetector late = new LateDetector(Duration.ofMinutes(30));
  static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aSensorQuietForThreeCadencesWhileItsGatewayGoesOnIsSilentSinceItsLastReading() {
    Instant now = T0.plus(Duration.ofMinutes(16));
    Duration fiveMinutes = Duration.ofMinutes(5);
    // last stored 16 minutes ago, expected every 5: more than 3 intervals; the gateway sent 20 s ago
    Finding f = silent.check(T0, now.minusSeconds(20), fiveMinutes, now).orElseThrow();
    assertEquals(SensorState.SILENT, f.state());
    assertEquals(T0, f.since());
    // 14 minutes: within 3 intervals of 5
    assertTrue(silent.check(now.minus(Duration.ofMinutes(14)), now.minusSeconds(20), fiveMinutes, now).isEmpty());
  }

  @Test
  void aFastSensorIsGivenAtLeastTheMinimumAndAQuietGatewayIsNotTheSensorsFault() {
    Instant now = T0.plus(Duration.ofMinutes(4));
    // a 10-second sensor quiet for 4 minutes (24 intervals) is still within the 5-minute minimum
    assertTrue(silent.check(T0, now, Duration.ofSeconds(10), now).isEmpty());
    assertEquals(Duration.ofMinutes(5), silent.quietLimit(Duration.ofSeconds(10)));
    assertEquals(Duration.ofMinutes(30), silent.quietLimit(Duration.ofMinutes(10)));
    // the gateway stopped with it: the gateway's alert, not the sensor's
    Instant later = T0.plus(Duration.ofHours(1));
    assertTrue(silent.check(T0, T0.plusSeconds(5), MINUTE, later).isEmpty());
    // never reported: not installed yet, not silent
    assertTrue(silent.check(null, later, MINUTE, later).isEmpty());
  }

  @Test
  void aSensorWhoseReadingsArriveAnHourBehindWhileItsGatewaysDoNotIsLate() {
    Instant stored = T0.plus(Duration.ofHours(1));
    Finding f = late.check(T0, stored, 2_000L).orElseThrow();
    assertEquals(SensorState.SUSPECT, f.state());
    assertEquals("late", f.reason());
    // 29 minutes behind: within the limit
    assertTrue(late.check(stored.minus(Duration.ofMinutes(29)), stored, 0L).isEmpty());
    // the whole gateway delivering an hour-old backlog: the gateway's lag, not the sensor's
    assertTrue(late.check(T0, stored, Duration.ofMinutes(59).toMillis()).isEmpty());
  }
}
