package id.pantau.ingest.mqtt;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the slow password hashes of MQTT logins run: a few threads of their own with a bounded
 * queue, apart from the shared worker pool, so a login flood cannot starve the ticks, the
 * downlink or the writers. An address that has failed a login within the window may have only a
 * few hashes waiting or running; past that, or when the queue is full, a login is refused at once
 * (before any hashing) and the client retries later. An address without failures is not capped
 * (a fleet behind one NAT logging in after a restart), only the queue bounds it. A queued hash
 * whose client has hung up meanwhile is skipped.
 */
final class LoginHashing {
  /** Why a login was refused before its hash was computed. */
  static final class Refused extends Exception {
    private final boolean perAddress;

    Refused(boolean perAddress, String message) {
      super(message, null, false, false);
      this.perAddress = perAddress;
    }

    /** True: this address has enough hashes in flight; false: the server has. */
    boolean perAddress() {
      return perAddress;
    }
  }

  private final ThreadPoolExecutor pool;
  private final int perAddressLimit;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger queueMax = new AtomicInteger();
  private final LongAdder refusedEarly = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder computed = new LongAdder();

  LoginHashing(int threads, int queueCapacity, int perAddressLimit) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
        r -> {
          Thread t = new Thread(r, "pantau-login-hash-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true); // idle nodes keep no threads
    this.perAddressLimit = perAddressLimit;
  }

  /**
   * Runs {@code hash} on the login threads and completes on {@code context}; fails with
   * {@link Refused} at once when the server, or a suspect address, already has enough waiting.
   *
   * @param suspect the address failed a login within the window: its hashes in flight are capped
   * @param abandoned set when the client hangs up: a hash still waiting is then not computed
   */
  <T> Future<T> run(String address, boolean suspect, AtomicBoolean abandoned, Context context, Callable<T> hash) {
    String key = address == null ? "" : LoginThrottle.source(address);
    AtomicInteger mine = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
    if (mine.incrementAndGet() > perAddressLimit && suspect) {
      release(key, mine);
      refusedEarly.increment();
      return Future.failedFuture(new Refused(true, "too many logins in progress from this address"));
    }
    Promise<T> promise = Promise.promise();
    try {
      pool.execute(() -> compute(key, mine, abandoned, context, hash, promise));
    } catch (RejectedExecutionException full) {
      release(key, mine);
      refusedEarly.increment();
      return Future.failedFuture(new Refused(false, "login queue full"));
    }
    queueMax.accumulateAndGet(pool.getQueue().size(), Math::max);
    return promise.future();
  }

  private <T> void compute(String key, AtomicInteger mine, AtomicBoolean abandoned, Context context,
                           Callable<T> hash, Promise<T> promise) {
    try {
      if (abandoned.get()) {
        skipped.increment();
        context.runOnContext(v -> promise.fail(new Refused(false, "client left before its login was checked")));
        return;
      }
      computed.increment();
      T result = hash.call();
      context.runOnContext(v -> promise.complete(result));
    } catch (Exception e) {
      context.runOnContext(v -> promise.fail(e));
    } finally {
      release(key, mine);
    }
  }

  private void release(String key, AtomicInteger mine) {
    if (mine.decrementAndGet() <= 0) {
      inFlight.remove(key, mine);
    }
  }

  /** Publishes the queue's high-water mark and the early refusals (the flood's footprint). */
  void register(MeterRegistry registry) {
    Gauge.builder("pantau.mqtt.login.hash.queue", pool, p -> p.getQueue().size())
        .description("password hashes waiting for a login thread").register(registry);
    Gauge.builder("pantau.mqtt.login.hash.queue.max", queueMax, AtomicInteger::get)
        .description("the most password hashes ever waiting at once").register(registry);
    FunctionCounter.builder("pantau.mqtt.login.refused.early", refusedEarly, LongAdder::sum)
        .description("logins refused before hashing: too many in flight from the address, or the queue full")
        .register(registry);
    FunctionCounter.builder("pantau.mqtt.login.hash.skipped", skipped, LongAdder::sum)
        .description("queued password hashes not computed because the client had left").register(registry);
    FunctionCounter.builder("pantau.mqtt.login.hash.computed", computed, LongAdder::sum)
        .description("password hashes computed for logins").register(registry);
  }
}
