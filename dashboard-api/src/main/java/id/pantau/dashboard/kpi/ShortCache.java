package id.pantau.dashboard.kpi;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers computed within the last {@code ttlMillis} are shared, and concurrent requests for
 * the same key wait for one computation: a hundred screens asking for the same series cost
 * one query per interval. Bounded (least recently used out). Used from one event loop.
 */
public final class ShortCache<V> {
  private record Entry<V>(Future<V> value, long expiresAt) {
  }

  private final long ttlMillis;
  private final Map<String, Entry<V>> entries;

  public ShortCache(long ttlMillis, int maxEntries) {
    this.ttlMillis = ttlMillis;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public Future<V> get(String key, Supplier<Future<V>> compute) {
    long now = System.currentTimeMillis();
    Entry<V> e = entries.get(key);
    if (e != null && (now < e.expiresAt() || !e.value().isComplete())) {
      return e.value();
    }
    Future<V> value = compute.get();
    entries.put(key, new Entry<>(value, now + ttlMillis));
    value.onFailure(err -> entries.remove(key)); // a failure is not worth remembering
    return value;
  }
}
