package id.pantau.dashboard.http;

import id.pantau.config.ConfigException;
import id.pantau.dashboard.ApiException;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request budget per client address (a token bucket): {@code perSecond} units come back each
 * second, up to {@code burst}. A request answered from memory (a snapshot view, the stream, the
 * wall's files) costs one unit; one that queries the database (series, Open311 requests, alert
 * history, sensors, rapor, administration) costs {@link #DATABASE_COST}. Beyond the budget the request
 * is refused with 429 and {@code Retry-After}, before anything else is done for it (the token
 * check included, so guessing tokens is limited too). Health (and its live and ready probes) and
 * metrics are never counted:
 * probes and Prometheus must always get through. IPv6 clients are counted per /64, the block a
 * single subscriber gets. Runs on the API verticle's one event loop.
 */
final class RequestBudget {
  static final int DATABASE_COST = 10;
  /** Beyond this many tracked addresses the newest share one bucket, so the map cannot grow without end. */
  private static final int MAX_ADDRESSES = 100_000;
  private static final String OVERFLOW = "(too many addresses)";

  /** @param perSecond 0 turns the budget off (benchmarks, or a reverse proxy that limits instead) */
  record Limits(int perSecond, int burst) {
    Limits {
      if (perSecond > 0 && burst < DATABASE_COST) {
        throw new ConfigException("http.requestBudget.burst", "must be at least " + DATABASE_COST
            + " (the cost of one database query) when http.requestBudget.perSecond is set, is " + burst);
      }
    }

    boolean off() {
      return perSecond == 0;
    }
  }

  private static final class Bucket {
    double units;
    long updatedNanos;
  }

  private final Limits limits;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final AtomicLong refused = new AtomicLong();

  RequestBudget(Limits limits) {
    this.limits = limits;
  }

  /** The router's first handler: charges the request to its address, or refuses it with 429. */
  void charge(RoutingContext ctx) {
    int cost = cost(ctx.request().path());
    if (limits.off() || cost == 0) {
      ctx.next();
      return;
    }
    String address = clientKey(ctx.request().remoteAddress());
    long waitSeconds = take(address, cost, System.nanoTime());
    if (waitSeconds > 0) {
      refused.incrementAndGet();
      ctx.fail(new ApiException.TooManyRequests("too many requests from " + address + ": the budget is "
          + limits.perSecond() + " per second with bursts of " + limits.burst() + " (a database query counts "
          + DATABASE_COST + "); retry after " + waitSeconds + " s", waitSeconds, false));
      return;
    }
    ctx.next();
  }

  /** Requests refused so far. */
  long refused() {
    return refused.get();
  }

  /** @return 0 when the units were taken, else the whole seconds until they will be there */
  long take(String address, int cost, long nowNanos) {
    Bucket b = bucket(address, nowNanos);
    b.units = Math.min(limits.burst(), b.units + (nowNanos - b.updatedNanos) / 1e9 * limits.perSecond());
    b.updatedNanos = nowNanos;
    if (b.units >= cost) {
      b.units -= cost;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((cost - b.units) / limits.perSecond()));
  }

  private Bucket bucket(String address, long nowNanos) {
    Bucket b = buckets.get(address);
    if (b != null) {
      return b;
    }
    if (buckets.size() >= MAX_ADDRESSES) {
      forgetFull(nowNanos);
    }
    String key = buckets.size() >= MAX_ADDRESSES ? OVERFLOW : address;
    return buckets.computeIfAbsent(key, k -> {
      Bucket fresh = new Bucket();
      fresh.units = limits.burst();
      fresh.updatedNanos = nowNanos;
      return fresh;
    });
  }

  /** Drops addresses whose bucket has refilled: they would start full anyway. */
  void forgetFull(long nowNanos) {
    double refillSeconds = (double) limits.burst() / Math.max(1, limits.perSecond());
    buckets.values().removeIf(b -> (nowNanos - b.updatedNanos) / 1e9 >= refillSeconds);
  }

  int trackedAddresses() {
    return buckets.size();
  }

  static int cost(String path) {
    if (path.startsWith("/api/v1/health") || path.equals("/metrics")) {
      return 0;
    }
    if (path.startsWith("/api/v1/series") || path.startsWith("/api/v1/alerts/") || path.startsWith("/api/v1/admin/")
        || path.startsWith("/api/v1/rapor") || path.startsWith("/open311/v2/requests") || path.endsWith("/sensors")) {
      return DATABASE_COST;
    }
    return 1;
  }

  /** The address to count against: the IPv4 address, or an IPv6 address's /64. */
  static String clientKey(SocketAddress remote) {
    String host = remote == null ? null : remote.hostAddress();
    if (host == null) {
      return "unknown";
    }
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      InetAddress a = InetAddress.getByName(host);
      if (a instanceof Inet6Address) {
        byte[] b = a.getAddress();
        return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
      }
      return a.getHostAddress();
    } catch (UnknownHostException e) {
      return host; // a literal address never needs a lookup
    }
  }
}
