package id.pantau.ingest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.sql.SQLException;
import java.time.Duration;
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
  private static final class Outcome implements StoreCompletion {
    final CompletableFuture<String> result = new CompletableFuture<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void stored() {
      calls.incrementAndGet();
      result.complete("stored");
    }

    @Override
    public void refused(Rejection rejection) {
      calls.incrementAndGet();
      result.complete("refused:" + rejection.reason());
    }

    String await() throws Exception {
      return result.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void whileAFlushIsInFlightArrivalsGatherIntoTheNextFlush() throws Exception {
    List<List<String>> flushes = new CopyOnWriteArrayList<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      flushes.add(items);
      if (flushes.size() == 1) {
        firstStarted.countDown();
        releaseFirst.await();
      }
    });
    // given a first item being written
    Outcome first = new Outcome();
    batcher.submit("a", 1, 10, first);
    assertTrue(firstStarted.await(5, TimeUnit.SECONDS));

    // when three more arrive meanwhile
    Outcome[] later = {new Outcome(), new Outcome(), new Outcome()};
    batcher.submit("b", 1, 10, later[0]);
    batcher.submit("c", 1, 10, later[1]);
    batcher.submit("d", 1, 10, later[2]);
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
    batcher = new GroupCommitBatcher<>("t", config(1, 5, 1_000_000), items -> {
      flushes.add(items);
      release.await();
    });
    Outcome last = new Outcome();
    batcher.submit("first", 1, 1, new Outcome());
    batcher.submit("x", 3, 1, new Outcome());
    batcher.submit("y", 3, 1, new Outcome());
    batcher.submit("z", 3, 1, last);
    release.countDown();
    last.await();
    // 3 + 3 rows would exceed 5: x, y and z go in separate flushes
    assertEquals(List.of(List.of("first"), List.of("x"), List.of("y"), List.of("z")), flushes);
  }

  @Test
  void aFullBufferRefusesSubmissionsUntilItDrains() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 100), items -> release.await());
    Outcome first = new Outcome();
    assertTrue(batcher.submit("a", 1, 60, first));
    assertFalse(batcher.submit("b", 1, 60, new Outcome()), "60 + 60 bytes exceed the 100-byte buffer");
    assertFalse(batcher.hasRoomFor(60));
    release.countDown();
    first.await();
    assertTrue(batcher.submit("c", 1, 60, new Outcome()));
  }

  @Test
  void aTransientFailureIsRetriedUntilTheStoreIsBack() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch failing = new CountDownLatch(3);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      if (attempts.incrementAndGet() <= 3) {
        failing.countDown();
        throw new SQLException("connection refused", "08006");
      }
    });
    Outcome o = new Outcome();
    batcher.submit("a", 1, 1, o);
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
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      if (back.getCount() > 0) {
        failedOnce.countDown();
        throw new SQLException("terminating connection due to administrator command", "57P01");
      }
    });
    Outcome o = new Outcome();
    batcher.submit("a", 1, 1, o);
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
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      if (spaceFreed.getCount() > 0) {
        failedTwice.countDown();
        throw new SQLException("could not extend file \"base/5/16384\": No space left on device", "53100");
      }
    });
    Outcome o = new Outcome();
    batcher.submit("a", 1, 1, o);

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
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      if (items.contains("hold")) {
        hold.await();
      }
      if (items.contains("bad")) {
        throw new SQLException("value out of range", "22003");
      }
    });
    batcher.submit("hold", 1, 1, new Outcome());
    Outcome good1 = new Outcome();
    Outcome bad = new Outcome();
    Outcome good2 = new Outcome();
    batcher.submit("good1", 1, 1, good1);
    batcher.submit("bad", 1, 1, bad);
    batcher.submit("good2", 1, 1, good2);
    hold.countDown();
    assertEquals("stored", good1.await());
    assertEquals("refused:" + RejectReason.IMPLEMENTATION_SPECIFIC_ERROR, bad.await());
    assertEquals("stored", good2.await());
  }

  @Test
  void drainWaitsForWorkInFlight() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    batcher = new GroupCommitBatcher<>("t", config(1, 1000, 1_000_000), items -> {
      started.countDown();
      Thread.sleep(200);
    });
    Outcome o = new Outcome();
    batcher.submit("a", 1, 1, o);
    started.await();
    batcher.drain(Duration.ofSeconds(5));
    assertTrue(o.result.isDone(), "drain returned before the flush in flight completed");
    assertFalse(batcher.submit("late", 1, 1, new Outcome()), "a drained batcher takes nothing new");
  }
}
