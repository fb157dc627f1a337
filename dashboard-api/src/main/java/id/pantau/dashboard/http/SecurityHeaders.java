package id.pantau.dashboard.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries. No referrer, so a token in a wall screen's URL
 * ({@code access_token=}) never leaves in a {@code Referer}; no content sniffing; and a content
 * security policy: the wall page may load only its own script, style and API (no inline code,
 * no other origin) and may not be framed by another site; API answers may load nothing at all.
 */
final class SecurityHeaders {
  static final String WALL_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {
  }

  static void add(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("X-Content-Type-Options", "nosniff").set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY");
    String path = ctx.request().path();
    headers.set("Content-Security-Policy", path.equals("/") || path.startsWith("/wall") ? WALL_POLICY : API_POLICY);
    ctx.next();
  }
}
