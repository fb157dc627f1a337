package id.pantau.dashboard.kpi;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One encoded answer, computed once per tick and served to every screen that asks. The ETag
 * is a hash of the body, so it changes only when the data does and an unchanged answer costs a
 * screen a 304 and no body. Its gzip form is made once too ({@link #gzip()}), and kept by every
 * later snapshot of the same bytes ({@link #keepingEncodingsOf}), so a thousand screens that take
 * gzip cost one compression per change, not one per request.
 */
public final class Snapshot {
  private final Buffer body;
  private final String etag;
  private final Instant computedAt;
  private final GzipBody gzip;

  private Snapshot(Buffer body, String etag, Instant computedAt, GzipBody gzip) {
    this.body = body;
    this.etag = etag;
    this.computedAt = computedAt;
    this.gzip = gzip;
  }

  public static Snapshot of(String json, Instant computedAt) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new Snapshot(Buffer.buffer(bytes), etag(bytes), computedAt, new GzipBody(bytes));
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** gzip compressions of snapshots made in this process: grows with changes, not with requests. */
  public static long gzipCompressions() {
    return GzipBody.compressions();
  }

  /** The JSON, UTF-8. */
  public Buffer body() {
    return body;
  }

  /** The strong ETag of {@link #body()}. */
  public String etag() {
    return etag;
  }

  public Instant computedAt() {
    return computedAt;
  }

  /**
   * This snapshot, but with {@code before}'s encoded forms when {@code before} has the same
   * bytes: a tick that finds a view unchanged does not compress it again.
   */
  public Snapshot keepingEncodingsOf(Snapshot before) {
    return before != null && before.etag.equals(etag) && before.gzip != gzip
        ? new Snapshot(body, etag, computedAt, before.gzip) : this;
  }

  /**
   * The body gzip-compressed, made on first use and shared from then on; null when gzip would
   * not make it smaller (a tiny view), so that it is sent as it is.
   */
  public Buffer gzip() {
    return gzip.get();
  }

  /**
   * The strong ETag of the gzip form: another representation of the same data, so another tag
   * (RFC 9110 8.8.3), derived from the identity one so either revalidates the snapshot.
   */
  public String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gzip\"";
  }

  /** True when the client's If-None-Match names this snapshot (in either encoding). */
  public boolean matches(String ifNoneMatch) {
    return matching(ifNoneMatch) != null;
  }

  /**
   * Which of this snapshot's tags the client's If-None-Match names (weak comparison, as
   * RFC 9110 13.1.2 says): {@link #etag()}, {@link #gzipEtag()}, {@code "*"}, or null for none.
   */
  public String matching(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return null;
    }
    String gz = gzipEtag();
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag) || t.equals(gz)) {
        return t;
      }
    }
    return null;
  }
}
