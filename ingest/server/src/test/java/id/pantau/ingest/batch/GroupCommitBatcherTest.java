package id.pantau.ingest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.ingest.IngestOutcome;
import id.pantau.store.WriteResult;
import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitBatcherTest {
  private GroupCommitBatcher<String> batcher;

  @AfterEach
  void close() {
    if (batcher != null) {
      batcher.close();
    }
  }

  private static BatcherConfig config(int writers, int maxRows, long bufferBytes) {
    return new BatcherConfig(writers, maxRows, Math.min(1_000_000, bufferBytes), bufferBytes, Duration.ofMillis(5),
        Duration.ofMillis(20));
  }

  /** Records what happened to one item. */
  private static final class Outcome {
    final CompletableFuture<String> result = new CompletableFuture<>();
    final AtomicInteger calls = new AtomicInteger();
    final IngestOutcome immediate;

    Outcome(java.util.concurrent.CompletionStage<IngestOutcome> stage) {
      var now = stage.toCompletableFuture();
      immediate = now.getNow(null);
      stage.thenAccept(o -> {
        calls.incrementAndGet();
        result.complete(o instanceof IngestOutcome.Refused r ? "refused:" + r.rejection().reason()
            : o == IngestOutcome.STORED ? "stored" : o.toString());
      });
    }

    /** Taken into the buffer (not turned away at once as busy or shutting down). */
    boolean queued() {
      return !(immediate instanceof IngestOutcome.Busy) && !(immediate instanceof IngestOutcome.ShuttingDown);
    }

    String await() throws Exception {
      return result.get(10, TimeUnit.SECONDS);
    }
  }

  private Outcome submit(String item, int rows, int bytes) {
    return new Outcome(batcher.submit(item, rows, bytes));
  }

  /** A flusher that stores everything it is given, after running {@code body}. */
  private interface Body {
    void run(List<String> items) throws Exception;
  }

  private static Flusher<String> stored(Body body) {
    return items -> {
      body.run(items);
      return WriteResult.allStored(items.size(), items.size());
    };
  }

  @Test
  void whileAFlushIsInFlightArrivalsGatherIntoTheNextFlush() throws Exception {
    List<List<String>> flushes = new CopyOnWriteArrayList<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), stored(items -> {
      flushes.add(items);
      if (flushes.size() == 1) {
        firstStarted.countDown();
        releaseFirst.await();
      }
    }));
    // given a first item being written
    Outcome first = submit("a", 1, 10);
    assertTrue(firstStarted.await(5, TimeUnit.SECONDS));

    // when three more arrive meanwhile
    Outcome[] later = {submit("b", 1, 10), submit("c", 1, 10), submit("d", 1, 10)};
    releaseFirst.countDown();

    // then they go as one flush, and every item is told it is stored once
    for (Outcome o : later) {
      assertEquals("stored", o.await());
      assertEquals(1, o.calls.get());
    }
    assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), flushes);
  }

  @Test
  void aFlushIsBoundedInRows() throws Exception {
    List<List<String>> flushes = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 5, 1_000_000), stored(items -> {
      flushes.add(items);
      release.await();
    }));
    submit("first", 1, 1);
    submit("x", 3, 1);
    submit("y", 3, 1);
    Outcome last = submit("z", 3, 1);
    release.countDown();
    last.await();
    // 3 + 3 rows would exceed 5: x, y and z go in separate flushes
    assertEquals(List.of(List.of("first"), List.of("x"), List.of("y"), List.of("z")), flushes);
  }

  @Test
  void aFullBufferRefusesSubmissionsUntilItDrains() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 100), stored(items -> release.await()));
    Outcome first = submit("a", 1, 60);
    assertTrue(first.queued());
    assertFalse(submit("b", 1, 60).queued(), "60 + 60 bytes exceed the 100-byte buffer");
    assertFalse(batcher.hasRoomFor(60));
    release.countDown();
    first.await();
    assertTrue(submit("c", 1, 60).queued());
  }

  @Test
  void aTransientFailureIsRetriedUntilTheStoreIsBack() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch failing = new CountDownLatch(3);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), stored(items -> {
      if (attempts.incrementAndGet() <= 3) {
        failing.countDown();
        throw new SQLException("connection refused", "08006");
      }
    }));
    Outcome o = submit("a", 1, 1);
    assertTrue(failing.await(5, TimeUnit.SECONDS));
    assertEquals("stored", o.await());
    assertEquals(1, o.calls.get());
    assertEquals(4, attempts.get());
    assertTrue(batcher.storeAvailable());
  }

  @Test
  void storeIsReportedUnavailableDuringAnOutage() throws Exception {
    CountDownLatch failedOnce = new CountDownLatch(1);
    CountDownLatch back = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), stored(items -> {
      if (back.getCount() > 0) {
        failedOnce.countDown();
        throw new SQLException("terminating connection due to administrator command", "57P01");
      }
    }));
    Outcome o = submit("a", 1, 1);
    assertTrue(failedOnce.await(5, TimeUnit.SECONDS));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (batcher.storeAvailable() && System.nanoTime() < deadline) {
      Thread.sleep(5); // the writer records the outage right after the failed attempt
    }
    assertFalse(batcher.storeAvailable());
    assertFalse(o.result.isDone(), "nothing is acknowledged while the store is away");
    back.countDown();
    assertEquals("stored", o.await());
    assertTrue(batcher.storeAvailable());
  }

  @Test
  void aFullDiskHoldsTheAcknowledgementSaysWhyAndIsRetriedNotRefused() throws Exception {
    // given a database whose disk is full (PostgreSQL's disk_full, 53100) until space is freed
    CountDownLatch failedTwice = new CountDownLatch(2);
    CountDownLatch spaceFreed = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), stored(items -> {
      if (spaceFreed.getCount() > 0) {
        failedTwice.countDown();
        throw new SQLException("could not extend file \"base/5/16384\": No space left on device", "53100");
      }
    }));
    Outcome o = submit("a", 1, 1);

    // then it is retried (not refused: a refusal would answer the gateway), and the failure says what to do
    assertTrue(failedTwice.await(5, TimeUnit.SECONDS));
    assertFalse(o.result.isDone(), "no acknowledgement, and no refusal, while the write fails");
    assertFalse(batcher.storeAvailable());
    assertTrue(batcher.storeFailure().contains("disk is full") && batcher.storeFailure().contains("free space"),
        batcher.storeFailure());

    // and once space is back the same item is stored and acknowledged
    spaceFreed.countDown();
    assertEquals("stored", o.await());
    assertTrue(batcher.storeAvailable());
    assertEquals(null, batcher.storeFailure());
  }

  @Test
  void aRefusedFlushIsSplitSoOnlyTheBadItemIsRefused() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), stored(items -> {
      if (items.contains("hold")) {
        hold.await();
      }
      if (items.contains("bad")) {
        throw new SQLException("value out of range", "22003");
      }
    }));
    submit("hold", 1, 1);
    Outcome good1 = submit("good1", 1, 1);
    Outcome bad = submit("bad", 1, 1);
    Outcome good2 = submit("good2", 1, 1);
    hold.countDown();
    assertEquals("stored", good1.await());
    assertEquals("refused:" + RejectReason.IMPLEMENTATION_SPECIFIC_ERROR, bad.await());
    assertEquals("stored", good2.await());
  }

  @Test
  void drainWaitsForWorkInFlight() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), stored(items -> {
      started.countDown();
      Thread.sleep(200);
    }));
    Outcome o = submit("a", 1, 1);
    started.await();
    batcher.drain(Duration.ofSeconds(5));
    assertTrue(o.result.isDone(), "drain returned before the flush in flight completed");
    assertFalse(submit("late", 1, 1).queued(), "a drained batcher takes nothing new");
  }

  @Test
  void anItemTheStoreRefusesIsAnsweredByItselfWithoutReflushingTheOthers() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    Rejection foreign = new Rejection(RejectReason.NOT_AUTHORIZED, "readings[0].sensor 'x' belongs to another kecamatan");
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      if (items.contains("hold")) {
        hold.await();
      }
      int bad = items.indexOf("foreign");
      return bad < 0 ? WriteResult.allStored(items.size(), items.size())
          : new WriteResult(items.size() - 1, 0, items.size() - 1, new BitSet(), Map.of(bad, foreign));
    });
    submit("hold", 1, 1);
    Outcome good1 = submit("good1", 1, 1);
    Outcome bad = submit("foreign", 1, 1);
    Outcome good2 = submit("good2", 1, 1);
    hold.countDown();
    assertEquals("stored", good1.await());
    assertEquals("refused:" + RejectReason.NOT_AUTHORIZED, bad.await());
    assertEquals("stored", good2.await());
    assertEquals(2, batcher.transactions(), "the held flush, then one for good1, foreign and good2 together");
    assertEquals(0, batcher.splits(), "nobody's batch was flushed again one by one");
  }

  @Test
  void aRedeliveredItemIsADuplicateNotAStore() throws Exception {
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      BitSet duplicates = new BitSet();
      duplicates.set(0);
      return new WriteResult(0, 1, 0, duplicates, Map.of());
    });
    assertEquals(IngestOutcome.DUPLICATE.toString(), submit("again", 1, 1).await());
  }

  @Test
  void aFullBufferAnswersBusyAndAStoppedBatcherShuttingDown() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 100), stored(items -> release.await()));
    Outcome first = submit("a", 1, 60);
    assertTrue(submit("b", 1, 60).immediate instanceof IngestOutcome.Busy, "60 + 60 bytes exceed the 100-byte buffer");
    release.countDown();
    first.await();
    batcher.drain(Duration.ofSeconds(5));
    assertEquals(IngestOutcome.SHUTTING_DOWN, submit("late", 1, 1).immediate);
  }
}
