package id.pantau.dashboard.http;

import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.Snapshot;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the API answers: JSON bodies, snapshots with ETags, and every error in one place. */
final class ApiResponses {
  private static final Logger log = LoggerFactory.getLogger(ApiResponses.class);

  private ApiResponses() {
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
        .end(body.toBuffer());
  }

  /**
   * 304 when the screen already has this snapshot (in either encoding), else the body: in gzip
   * when the screen takes it, compressed once per snapshot and shared, never per request.
   */
  static void snapshot(RoutingContext ctx, Snapshot snapshot, CachePolicy cache) {
    Buffer gzip = AcceptEncoding.gzip(ctx.request().getHeader("Accept-Encoding")) ? snapshot.gzip() : null;
    String etag = gzip != null ? snapshot.gzipEtag() : snapshot.etag();
    var response = ctx.response().putHeader("Cache-Control", cache.cacheControl()).putHeader("Vary", cache.vary())
        .putHeader("X-Snapshot-Computed-At", snapshot.computedAt().toString());
    String held = snapshot.matching(ctx.request().getHeader("If-None-Match"));
    if (held != null) {
      // the tag of the form the screen holds, so its cache (or a proxy's) keeps that form
      response.putHeader("ETag", held.equals("*") ? etag : held).setStatusCode(304).end();
    } else {
      Buffer body = gzip != null ? gzip : snapshot.body();
      response.putHeader("ETag", etag).putHeader("Content-Type", "application/json");
      if (gzip != null) {
        response.putHeader("Content-Encoding", "gzip");
      }
      if (ctx.request().method() == HttpMethod.HEAD) {
        // the length the GET would have: a proxy or a screen learns it without the body
        response.putHeader("Content-Length", String.valueOf(body.length())).end();
      } else {
        response.end(body);
      }
    }
  }

  /** The router's failure handler: API refusals get their status, anything else a 500. */
  static void failure(RoutingContext ctx) {
    Throwable e = ctx.failure();
    if (e instanceof ApiException.BadRequest bad) {
      error(ctx, 400, new JsonObject().put("error", bad.getMessage()).put("parameter", bad.parameter()));
    } else if (e instanceof ApiException.Unauthorized unauthorized) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"pantau\"");
      error(ctx, 401, new JsonObject().put("error", unauthorized.getMessage()));
    } else if (e instanceof ApiException.Forbidden forbidden) {
      error(ctx, 403, new JsonObject().put("error", forbidden.getMessage()));
    } else if (e instanceof ApiException.NotFound notFound) {
      error(ctx, 404, new JsonObject().put("error", notFound.getMessage()));
    } else if (e instanceof ApiException.Conflict conflict) {
      error(ctx, 409, new JsonObject().put("error", conflict.getMessage()));
    } else if (e instanceof ApiException.Unavailable unavailable) {
      error(ctx, 503, new JsonObject().put("error", unavailable.getMessage()));
    } else if (e instanceof ApiException.TooManyRequests tooMany) {
      ctx.response().putHeader("Retry-After", String.valueOf(tooMany.retryAfterSeconds()));
      error(ctx, tooMany.status(), new JsonObject().put("error", tooMany.getMessage())
          .put("retryAfterSeconds", tooMany.retryAfterSeconds()));
    } else if (e instanceof ApiException.BodyRefused refused) {
      error(ctx, refused.status(), new JsonObject().put("error", refused.getMessage()));
    } else if (e == null && ctx.statusCode() == 413) {
      // the body handler counted past the route's limit while reading a body of undeclared length
      error(ctx, 413, new JsonObject().put("error", "the body is larger than this endpoint takes"));
    } else if (e == null) {
      error(ctx, ctx.statusCode(), new JsonObject().put("error", "HTTP " + ctx.statusCode()));
    } else if (e instanceof io.vertx.ext.web.handler.HttpException http && http.getStatusCode() < 500) {
      // Vert.x refused the request itself (e.g. a query string it cannot decode): say why, as a 4xx
      String why = http.getCause() != null ? http.getCause().getMessage() : http.getMessage();
      error(ctx, http.getStatusCode(), new JsonObject().put("error", why));
    } else {
      log.warn("{} {} failed", ctx.request().method(), ctx.request().path(), e);
      error(ctx, 500, new JsonObject().put("error", "internal error"));
    }
  }

  private static void error(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
    boolean bodyUnread = !ctx.request().isEnded() && JsonBody.declaresBody(ctx.request());
    if (bodyUnread) {
      // refused before its body was read: answer, then hang up rather than keep the rest
      ctx.response().putHeader("Connection", "close");
    }
    var ended = ctx.response().end(ctx.request().path().startsWith("/open311/")
        // GeoReport v2 errors are a list of {code, description}
        ? new JsonArray().add(new JsonObject().put("code", status).put("description", body.getString("error"))).toBuffer()
        : body.toBuffer());
    if (bodyUnread) {
      LingeringClose.after(ctx.request(), ended, ctx.vertx());
    }
  }
}
