package id.pantau.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginHashingTest {
  private final Vertx vertx = Vertx.vertx();
  private final CountDownLatch hold = new CountDownLatch(1);

  @AfterEach
  void close() {
    hold.countDown();
    vertx.close().await();
  }

  @Test
  void aFleetBehindOneAddressIsBoundedByTheQueueOnlyASuspectAddressPerAddress() throws Exception {
    LoginHashing hashing = new LoginHashing(1, 20, 2);
    Context context = vertx.getOrCreateContext();
    List<Future<Boolean>> fleet = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fleet.add(hashing.run("10.0.0.1", false, new AtomicBoolean(), context, this::slowHash));
    }
    assertTrue(fleet.stream().noneMatch(Future::failed), "ten first logins from one NAT address all wait their turn");
    List<Future<Boolean>> suspect = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      suspect.add(hashing.run("10.0.0.9", true, new AtomicBoolean(), context, this::slowHash));
    }
    assertEquals(3, suspect.stream().filter(f -> f.failed() && f.cause() instanceof LoginHashing.Refused r
        && r.perAddress()).count(), "an address that failed lately gets two at a time");
    List<Future<Boolean>> overflow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      overflow.add(hashing.run("10.0.1." + i, false, new AtomicBoolean(), context, this::slowHash));
    }
    assertTrue(overflow.stream().anyMatch(f -> f.failed() && f.cause() instanceof LoginHashing.Refused r
        && !r.perAddress()), "past the queue, refused as server busy");
  }

  @Test
  void aQueuedHashWhoseClientLeftIsSkipped() throws Exception {
    LoginHashing hashing = new LoginHashing(1, 4, 4);
    Context context = vertx.getOrCreateContext();
    hashing.run("10.0.0.1", false, new AtomicBoolean(), context, this::slowHash); // occupies the thread
    AtomicBoolean gone = new AtomicBoolean();
    AtomicBoolean computed = new AtomicBoolean();
    Future<Boolean> queued = hashing.run("10.0.0.2", false, gone, context, () -> computed.getAndSet(true));
    gone.set(true);
    hold.countDown();
    CountDownLatch done = new CountDownLatch(1);
    queued.onComplete(r -> done.countDown());
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertTrue(queued.failed());
    assertTrue(!computed.get(), "the hash of a client that left is not computed");
  }

  private Boolean slowHash() throws InterruptedException {
    return hold.await(30, TimeUnit.SECONDS);
  }
}
