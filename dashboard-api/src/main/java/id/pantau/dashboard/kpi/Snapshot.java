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
 * screen a 304 and no body.
 */
public record Snapshot(Buffer body, String etag, Instant computedAt) {

  public static Snapshot of(String json, Instant computedAt) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new Snapshot(Buffer.buffer(bytes), etag(bytes), computedAt);
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** True when the client's If-None-Match names this snapshot. */
  public boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
