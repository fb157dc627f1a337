package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Series ranges are widened to whole buckets (so repeats share a cache entry) and capped per step. */
class SeriesRequestTest {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final SeriesRequest.MaxRanges CAPS = new SeriesRequest.MaxRanges(Duration.ofDays(1), Duration.ofDays(7),
      Duration.ofDays(92));
  private static final Instant NOW = Instant.parse("2026-11-23T05:17:42.123Z");

  @Test
  void requestsThatDifferWithinABucketAreOneCacheEntry() {
    SeriesRequest a = parse("1d", "2026-11-01T03:00:00Z", "2026-11-20T05:00:00Z");
    SeriesRequest b = parse("1d", "2026-11-01T09:59:00Z", "2026-11-20T16:59:59Z");
    assertEquals(a.key(), b.key());
    // days are the city's: a WIB day starts at 17:00 UTC
    assertEquals(Instant.parse("2026-10-31T17:00:00Z"), a.from());
    assertEquals(Instant.parse("2026-11-20T17:00:00Z"), a.to());
    SeriesRequest open1 = SeriesRequest.parse("bandung", null, "pm25", "1m", null, null, NOW, WIB, CAPS);
    SeriesRequest open2 = SeriesRequest.parse("bandung", null, "pm25", "1m", null, null, NOW.plusSeconds(10), WIB, CAPS);
    assertEquals(open1.key(), open2.key(), "screens asking within the same minute share one query");
    assertEquals(Instant.parse("2026-11-23T05:18:00Z"), open1.to());
  }

  @Test
  void aBoundaryStaysWhereItIs() {
    SeriesRequest r = parse("1h", "2026-11-22T05:00:00Z", "2026-11-23T05:00:00Z");
    assertEquals(Instant.parse("2026-11-22T05:00:00Z"), r.from());
    assertEquals(Instant.parse("2026-11-23T05:00:00Z"), r.to());
  }

  @Test
  void aRangeOverTheStepsCapIsRefusedNamingTheCap() {
    ApiException.BadRequest e = assertThrows(ApiException.BadRequest.class,
        () -> parse("1d", "2026-01-01T00:00:00Z", "2026-11-20T00:00:00Z"));
    assertTrue(e.getMessage().contains("at most 92 days") && e.getMessage().contains("http.series.maxRange1d"),
        e.getMessage());
    assertThrows(ApiException.BadRequest.class, () -> parse("1m", "2026-11-20T00:00:00Z", "2026-11-21T00:01:00Z"));
    parse("1m", "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"); // exactly the cap is fine
  }

  @Test
  void flaggedReadingsAreIncludedOnlyOnRequestAndAreTheirOwnCacheEntry() {
    SeriesRequest plain = parse("1h", "2026-11-22T05:00:00Z", "2026-11-23T05:00:00Z");
    assertFalse(plain.including(null).includeFlagged(), "by default a series is its buckets alone");
    SeriesRequest flagged = plain.including("flagged");
    assertTrue(flagged.includeFlagged());
    assertNotEquals(plain.key(), flagged.key());
    ApiException.BadRequest e = assertThrows(ApiException.BadRequest.class, () -> plain.including("everything"));
    assertTrue(e.getMessage().contains("include may only be 'flagged'"), e.getMessage());
  }

  private static SeriesRequest parse(String step, String from, String to) {
    return SeriesRequest.parse("bandung", null, "pm25", step, from, to, NOW, WIB, CAPS);
  }
}
