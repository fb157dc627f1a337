package id.pantau.dashboard.http;

import java.time.Duration;

/**
 * The caching headers of the snapshot views, for browsers and for a reverse proxy in front of
 * the API. With open reads a view is the same for everyone who asks for the same URL, so a
 * shared cache may keep it for one tick ({@code public, max-age}) and then revalidate it with
 * the ETag; {@code Vary: Accept-Encoding} keeps its gzip and identity forms apart. With token
 * reads the answer depends on the token (a kecamatan token narrows the views), so it is
 * {@code private} and varies by {@code Authorization} too.
 *
 * @param cacheControl the {@code Cache-Control} value
 * @param vary the {@code Vary} value
 */
record CachePolicy(String cacheControl, String vary) {

  static CachePolicy of(boolean readsNeedToken, Duration snapshotInterval) {
    if (readsNeedToken) {
      return new CachePolicy("private, no-cache", "Accept-Encoding, Authorization");
    }
    long seconds = snapshotInterval.toSeconds(); // a view may change at every tick: never longer than one
    return new CachePolicy(seconds >= 1 ? "public, max-age=" + seconds : "public, no-cache", "Accept-Encoding");
  }
}
