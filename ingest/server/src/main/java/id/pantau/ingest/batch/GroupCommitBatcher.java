package id.pantau.ingest.batch;

import id.pantau.ingest.IngestOutcome;
import id.pantau.store.WriteResult;
import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit across messages and connections. When a writer is free, what is waiting is
 * flushed at once; while all writers are busy, arrivals gather and go as the next flush
 * (bounded in rows and bytes). Low load gets low latency, high load big transactions, and
 * there is no linger to tune. A flush the database cannot take right now is retried with
 * backoff until it can, so nothing submitted is dropped. The store answers each item of a flush
 * (stored, duplicate, or refused for a reason of its own, such as a foreign sensor) without
 * failing the others; only a flush the database itself refuses (a value out of range) is split
 * so one bad item cannot sink other gateways' data. Thread-safe.
 */
public final class GroupCommitBatcher<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitBatcher.class);

  private record Entry<T>(T item, int rows, int bytes, CompletableFuture<IngestOutcome> outcome) {
  }

  private final String name;
  private final BatcherConfig config;
  private final Flusher<T> flusher;
  private final ExecutorService writers;
  private final ArrayDeque<Entry<T>> waiting = new ArrayDeque<>();
  private long bufferedBytes; // waiting and in flight
  private int inFlight;
  private boolean closed;
  private boolean accepting = true;
  private volatile boolean available = true;
  private volatile String failure;
  private volatile long unavailableSince;
  private final java.util.concurrent.atomic.LongAdder transactions = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder splits = new java.util.concurrent.atomic.LongAdder();

  public GroupCommitBatcher(String name, BatcherConfig config, Flusher<T> flusher) {
    this.name = name;
    this.config = config;
    this.flusher = flusher;
    AtomicInteger n = new AtomicInteger();
    this.writers = Executors.newFixedThreadPool(config.writers(), r -> {
      Thread t = new Thread(r, "pantau-" + name + "-writer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Queues an item. Completes, on a writer thread, once the item is committed ({@code Stored}
   * or {@code Duplicate}) or refused; at once, without queuing, with {@code Busy} when the
   * buffer has no room for it or {@code ShuttingDown} once the batcher stopped taking items.
   * Neither of those two may be acknowledged.
   */
  public synchronized CompletionStage<IngestOutcome> submit(T item, int rows, int bytes) {
    if (!accepting || closed) {
      return CompletableFuture.completedFuture(IngestOutcome.SHUTTING_DOWN);
    }
    if (bufferedBytes + bytes > config.bufferBytes()) {
      return CompletableFuture.completedFuture(new IngestOutcome.Busy(
          "ingest buffer full (" + bufferedBytes + " bytes waiting for the database)"));
    }
    Entry<T> entry = new Entry<>(item, rows, bytes, new CompletableFuture<>());
    waiting.add(entry);
    bufferedBytes += bytes;
    startFlushes();
    return entry.outcome();
  }

  /** True once {@link #drain} or {@link #close} began: the server is stopping, not overloaded. */
  public synchronized boolean stopping() {
    return !accepting || closed;
  }

  public synchronized boolean hasRoomFor(int bytes) {
    return bufferedBytes + bytes <= config.bufferBytes();
  }

  public synchronized long bufferedBytes() {
    return bufferedBytes;
  }

  public synchronized int waitingItems() {
    return waiting.size();
  }

  /** Transactions attempted: one per flush, plus one per retry and per item of a split flush. */
  public long transactions() {
    return transactions.sum();
  }

  /** Flushes the database refused as a whole and that were retried item by item. */
  public long splits() {
    return splits.sum();
  }

  /** False while the database is failing flushes; true again once one commits. */
  public boolean storeAvailable() {
    return available;
  }

  /** While flushes fail: what the database said and what to do about it; null otherwise. */
  public String storeFailure() {
    return available ? null : failure;
  }

  private void startFlushes() {
    while (inFlight < config.writers() && !waiting.isEmpty()) {
      List<Entry<T>> group = takeGroup();
      inFlight++;
      writers.execute(() -> flushUntilDone(group));
    }
  }

  private List<Entry<T>> takeGroup() {
    List<Entry<T>> group = new ArrayList<>();
    long rows = 0;
    long bytes = 0;
    while (!waiting.isEmpty()) {
      Entry<T> next = waiting.peek();
      boolean full = rows + next.rows() > config.maxFlushRows() || bytes + next.bytes() > config.maxFlushBytes();
      if (!group.isEmpty() && full) {
        break;
      }
      group.add(waiting.poll());
      rows += next.rows();
      bytes += next.bytes();
    }
    return group;
  }

  private void flushUntilDone(List<Entry<T>> group) {
    List<Runnable> completions = new ArrayList<>();
    try {
      flushWithRetry(group, completions);
    } finally {
      long bytes = group.stream().mapToLong(Entry::bytes).sum();
      synchronized (this) {
        bufferedBytes -= bytes;
      }
      // told after the bytes are released, so an acknowledged gateway's next message finds room,
      // and before the flush counts as done, so drain() waits for the acknowledgements too
      completions.forEach(Runnable::run);
      synchronized (this) {
        inFlight--;
        if (!closed) {
          startFlushes();
        }
        notifyAll();
      }
    }
  }

  private void flushWithRetry(List<Entry<T>> group, List<Runnable> completions) {
    long backoff = config.retryMin().toMillis();
    while (true) {
      try {
        transactions.increment();
        WriteResult result = flusher.flush(group.stream().map(Entry::item).toList());
        markAvailable();
        for (int i = 0; i < group.size(); i++) {
          CompletableFuture<IngestOutcome> outcome = group.get(i).outcome();
          IngestOutcome o = outcome(result, i);
          completions.add(() -> outcome.complete(o));
        }
        return;
      } catch (Exception e) {
        if (StorageFailures.isTransient(e)) {
          markUnavailable(e);
          if (!pause(backoff)) {
            return; // shutting down: not acknowledged, so the gateway will redeliver
          }
          backoff = Math.min(backoff * 2, config.retryMax().toMillis());
        } else if (group.size() > 1) {
          log.warn("batcher={} flush of {} items refused ({}); retrying them one by one", name, group.size(), e.toString());
          splits.increment();
          group.forEach(entry -> flushWithRetry(List.of(entry), completions));
          return;
        } else {
          Rejection rejection = databaseRefusal(e);
          log.warn("batcher={} item refused by the database: {}", name, e.toString());
          CompletableFuture<IngestOutcome> outcome = group.get(0).outcome();
          completions.add(() -> outcome.complete(IngestOutcome.refused(rejection)));
          return;
        }
      }
    }
  }

  /**
   * Only the SQL state goes back to the gateway: the database's own text (table, constraint and
   * column names, values) stays in the log.
   */
  static Rejection databaseRefusal(Exception e) {
    String state = null;
    for (Throwable t = e; t != null && state == null; t = t.getCause()) {
      state = t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
    }
    return new Rejection(RejectReason.IMPLEMENTATION_SPECIFIC_ERROR, "the database refused this batch's values"
        + (state != null && state.matches("[0-9A-Z]{5}") ? " (SQLSTATE " + state + ")" : "") + "; the server log has the details");
  }

  private static IngestOutcome outcome(WriteResult result, int item) {
    Rejection refusal = result.refusal(item);
    if (refusal != null) {
      return IngestOutcome.refused(refusal);
    }
    return result.duplicate(item) ? IngestOutcome.DUPLICATE : IngestOutcome.STORED;
  }

  private void markUnavailable(Exception e) {
    String now = StorageFailures.describe(e);
    // logged when writes start failing, and again when the cause turns into a full disk (which needs a person)
    boolean newCause = available || StorageFailures.isDiskFull(e) != StorageFailures.isDiskFull(failure);
    failure = now;
    if (available) {
      unavailableSince = System.nanoTime();
      available = false;
    }
    if (newCause) {
      log.warn("batcher={} writes failing, holding acknowledgements and retrying: {}", name, now);
    }
  }

  private void markAvailable() {
    if (!available) {
      available = true;
      log.info("batcher={} database available again after {} ms", name,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unavailableSince));
    }
  }

  private boolean pause(long millis) {
    synchronized (this) {
      if (closed) {
        return false;
      }
    }
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops taking items and waits up to {@code timeout} for what was submitted to be stored,
   * so it can still be acknowledged. Whatever is left is not acknowledged and will be
   * redelivered by its gateway.
   */
  public void drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      accepting = false;
      while ((inFlight > 0 || !waiting.isEmpty()) && System.nanoTime() < deadline) {
        try {
          wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (!waiting.isEmpty() || inFlight > 0) {
        log.warn("batcher={} stopped with {} items waiting and {} flushes in flight; their gateways will redeliver",
            name, waiting.size(), inFlight);
      }
    }
    close();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    writers.shutdownNow();
  }
}
