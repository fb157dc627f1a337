package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
  @Test
  void gzipWhenTheClientTakesIt() {
    assertTrue(AcceptEncoding.gzip("gzip"));
    assertTrue(AcceptEncoding.gzip("gzip, deflate, br, zstd"));
    assertTrue(AcceptEncoding.gzip("br;q=1.0, GZIP;q=0.8"));
    assertTrue(AcceptEncoding.gzip("x-gzip"));
    assertTrue(AcceptEncoding.gzip("*"));
    assertTrue(AcceptEncoding.gzip("identity;q=0.5, gzip"));
  }

  @Test
  void identityWhenItDoesNotOrPrefersIdentity() {
    assertFalse(AcceptEncoding.gzip(null));
    assertFalse(AcceptEncoding.gzip(""));
    assertFalse(AcceptEncoding.gzip("identity"));
    assertFalse(AcceptEncoding.gzip("br, zstd"));
    assertFalse(AcceptEncoding.gzip("gzip;q=0"));
    assertFalse(AcceptEncoding.gzip("*;q=0"));
    assertFalse(AcceptEncoding.gzip("*, gzip;q=0"));
    assertFalse(AcceptEncoding.gzip("gzip;q=0.5, identity"));
    assertFalse(AcceptEncoding.gzip("gzip;q=nonsense"));
  }

  @Test
  void openReadsMayBeKeptByAProxyForATickTokenReadsOnlyPrivately() {
    assertEquals(new CachePolicy("public, max-age=1", "Accept-Encoding"), CachePolicy.of(false, Duration.ofSeconds(1)));
    assertEquals(new CachePolicy("public, no-cache", "Accept-Encoding"), CachePolicy.of(false, Duration.ofMillis(200)));
    assertEquals(new CachePolicy("private, no-cache", "Accept-Encoding, Authorization"),
        CachePolicy.of(true, Duration.ofSeconds(5)));
  }
}
