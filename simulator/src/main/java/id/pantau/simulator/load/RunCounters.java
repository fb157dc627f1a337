package id.pantau.simulator.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** What every gateway of a run adds to, from many event loops at once. */
public final class RunCounters {
  public final LongAdder scheduledMessages = new LongAdder();
  public final LongAdder sentMessages = new LongAdder();
  public final LongAdder sentReadings = new LongAdder();
  public final LongAdder redeliveredMessages = new LongAdder();
  public final LongAdder ackedMessages = new LongAdder();
  public final LongAdder ackedReadings = new LongAdder();
  public final LongAdder rejectedMessages = new LongAdder();
  public final LongAdder complaintEventsAcked = new LongAdder();
  public final LongAdder lateSends = new LongAdder();
  public final LongAccumulator maxLatenessNanos = new LongAccumulator(Math::max, 0);
  public final LongAdder reconnects = new LongAdder();
  public final LongAdder downlinkMessages = new LongAdder();
  public final AtomicInteger connected = new AtomicInteger();
  private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> connectionErrors = new ConcurrentHashMap<>();

  public void rejected(String reason) {
    rejectedMessages.increment();
    rejections.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  public void connectionError(String reason) {
    connectionErrors.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  public long errors() {
    long n = rejectedMessages.sum();
    for (LongAdder a : connectionErrors.values()) {
      n += a.sum();
    }
    return n;
  }

  public Map<String, Long> rejections() {
    return snapshot(rejections);
  }

  public Map<String, Long> connectionErrors() {
    return snapshot(connectionErrors);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
