package id.pantau.server.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A node's health endpoints, and the time until they say something. */
public final class Health {
  private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Health() {
  }

  /** GET {@code /api/v1/health} (or a sub-path such as {@code /ready}); a failed request is status -1. */
  public static HttpResponse<String> get(int httpPort, String subPath) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/health" + subPath))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      return null;
    }
  }

  public static int status(int httpPort, String subPath) {
    HttpResponse<String> r = get(httpPort, subPath);
    return r == null ? -1 : r.statusCode();
  }

  public static JsonObject body(int httpPort) {
    HttpResponse<String> r = get(httpPort, "");
    return r == null ? new JsonObject() : new JsonObject(r.body());
  }

  /**
   * Polls every 20 ms until {@code /api/v1/health} answers {@code status}, and returns how long
   * that took from {@code sinceNanos}; fails after {@code limit}.
   */
  public static long millisUntil(int httpPort, int status, long sinceNanos, Duration limit) throws InterruptedException {
    return millisUntilBody(httpPort, status, b -> true, sinceNanos, limit);
  }

  /** As {@link #millisUntil}, and the body must also match. */
  public static long millisUntilBody(int httpPort, int status, Predicate<JsonObject> body, long sinceNanos,
                                     Duration limit) throws InterruptedException {
    long deadline = sinceNanos + limit.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get(httpPort, "");
      if (last != null && last.statusCode() == status && body.test(new JsonObject(last.body()))) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("health did not answer " + status + " within " + limit.toSeconds() + " s; last: "
        + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
  }
}
