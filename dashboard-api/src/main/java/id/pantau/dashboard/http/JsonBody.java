package id.pantau.dashboard.http;

import id.pantau.dashboard.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a request's JSON body, for routes that take one. Mount it after the token check, so
 * nothing of an unauthorised request's body is read. The body must say it is JSON (415
 * otherwise, which also keeps multipart forms and their uploads out: nothing is ever written to
 * disk) and fit the route's limit (413, refused from {@code Content-Length} before reading when
 * the client declares it). A refused request's connection is closed after the answer; the rest
 * of its body is discarded unkept until then, so that the client reads the answer rather than a
 * reset ({@link LingeringClose}).
 */
final class JsonBody {
  private JsonBody() {
  }

  /** A handler that reads a JSON body of at most {@code maxBytes}, then passes the request on. */
  static Handler<RoutingContext> upTo(int maxBytes) {
    BodyHandler reader = BodyHandler.create(false).setBodyLimit(maxBytes).setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(false);
    return ctx -> {
      HttpServerRequest request = ctx.request();
      if (!declaresBody(request)) {
        ctx.next();
        return;
      }
      String type = request.getHeader("Content-Type");
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new ApiException.BodyRefused(415, "the body must be JSON (Content-Type: application/json), is "
            + (type == null ? "not declared" : "'" + shorten(type) + "'"));
      }
      String length = request.getHeader("Content-Length");
      if (length != null && tooLong(length, maxBytes)) {
        throw new ApiException.BodyRefused(413, "the body is " + shorten(length) + " bytes; this endpoint takes at most "
            + maxBytes);
      }
      reader.handle(ctx);
    };
  }

  /** Whether a body follows the request's head (it has a length above zero, or is chunked). */
  static boolean declaresBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
  }

  private static boolean tooLong(String length, int maxBytes) {
    try {
      return Long.parseLong(length.strip()) > maxBytes;
    } catch (NumberFormatException e) {
      return true; // Netty refuses such a header before us; never read what cannot be measured
    }
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
