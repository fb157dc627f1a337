package id.pantau.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageRateLimitTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstOfOneSecondsWorthPassesAndTheNextIsRefused() {
    MessageRateLimit limit = new MessageRateLimit(100, 0);
    for (int i = 0; i < 100; i++) {
      assertTrue(limit.tryTake(0), "message " + i + " of the burst");
    }
    assertFalse(limit.tryTake(0));
  }

  @Test
  void tokensComeBackAtTheConfiguredRateAndNeverBeyondOneSecondsWorth() {
    MessageRateLimit limit = new MessageRateLimit(100, 0);
    for (int i = 0; i < 100; i++) {
      limit.tryTake(0);
    }
    assertTrue(limit.tryTake(SECOND / 100), "10 ms later, one more");
    assertFalse(limit.tryTake(SECOND / 100));
    // a gateway quiet for a minute gets one second's burst, not sixty
    long later = 60 * SECOND;
    int passed = 0;
    while (limit.tryTake(later)) {
      passed++;
    }
    assertEquals(100, passed);
  }

  @Test
  void aSteadySenderAtTheRateIsNeverRefused() {
    MessageRateLimit limit = new MessageRateLimit(50, 0);
    for (long t = 0; t < 10 * SECOND; t += SECOND / 50) {
      assertTrue(limit.tryTake(t), "at " + t);
    }
  }
}
