package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayRouteTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private final ReplayRoute route = new ReplayRoute(null, null, null, Duration.ofDays(730),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anInstantWithTheCitysOffsetIsTheSameInstantInUtcToTheSecond() {
    assertEquals(Instant.parse("2026-11-20T09:00:00Z"), route.parse("2026-11-20T16:00+07:00"));
    assertEquals(Instant.parse("2026-11-20T09:00:12Z"), route.parse("2026-11-20T09:00:12.987Z"));
  }

  @Test
  void anInstantWithoutOffsetInTheFutureOrBeforeTheHistoryIsRefusedNamingAt() {
    ApiException.BadRequest noOffset = assertThrows(ApiException.BadRequest.class, () -> route.parse("2026-11-20T16:00"));
    assertEquals("at", noOffset.parameter());
    ApiException.BadRequest future = assertThrows(ApiException.BadRequest.class,
        () -> route.parse("2026-12-01T07:00:01+07:00"));
    assertTrue(future.getMessage().contains("in the future"), future.getMessage());
    assertEquals(NOW, route.parse("2026-12-01T07:00+07:00"), "now itself is the past's last instant");
    ApiException.BadRequest old = assertThrows(ApiException.BadRequest.class, () -> route.parse("2024-11-30T23:59:59Z"));
    assertTrue(old.getMessage().contains("older than the history kept (730 days"), old.getMessage());
    assertEquals(Instant.parse("2024-12-01T00:00:00Z"), route.parse("2024-12-01T00:00:00Z"));
  }
}
