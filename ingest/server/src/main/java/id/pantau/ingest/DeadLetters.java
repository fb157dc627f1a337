package id.pantau.ingest;

import id.pantau.store.DeadLetter;
import id.pantau.store.DeadLetterStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps rejected payloads for diagnosis, off the event loop. The writes waiting for the
 * database are bounded in payload bytes, in total and per gateway: while the database is slow, a
 * gateway sending invalid data at its link speed would otherwise grow the heap with it (QoS 0
 * and MQTT 3.1.1 have nothing else to hold it back). Past a bound the payload is not kept: the
 * rejection is still answered, and the loss counted. A dead letter that cannot be written is
 * logged; it never blocks the gateway's acknowledgement for long, because a rejection promises
 * nothing about storage.
 */
public final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final String UNAUTHENTICATED = "";

  private final Vertx vertx;
  private final DeadLetterStore store;
  private final int maxPayloadBytes;
  private final long maxQueuedBytes;
  private final long maxQueuedBytesPerGateway;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Map<String, Long> queuedByGateway = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();

  public DeadLetters(Vertx vertx, DeadLetterStore store, IngestConfig config, IngestMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.maxPayloadBytes = config.deadLetterMaxPayloadBytes();
    this.maxQueuedBytes = config.deadLetterMaxQueuedBytes();
    this.maxQueuedBytesPerGateway = config.deadLetterMaxQueuedBytesPerGateway();
    metrics.countOf("pantau.ingest.dead.letters.dropped", "rejected messages answered but not kept: too many waiting"
        + " for the database (ingest.deadLetter.maxQueuedBytes, ...PerGateway)", this, DeadLetters::dropped);
    metrics.gaugeOf("pantau.ingest.dead.letters.queued.bytes", "rejected payload bytes waiting to be written",
        this, DeadLetters::queuedBytes);
  }

  /** Completes (always successfully) once the row is written or the attempt failed; at once when not kept. */
  public Future<Void> keep(DeadLetter letter) {
    DeadLetter kept = truncated(letter);
    long bytes = kept.payload().length;
    String gateway = letter.gatewayId() != null ? letter.gatewayId() : UNAUTHENTICATED;
    if (!reserve(gateway, bytes)) {
      dropped.increment();
      log.debug("dead letter not kept gateway={} topic={}: too many waiting for the database", gateway, letter.topic());
      return Future.succeededFuture();
    }
    return vertx.<Void>executeBlocking(() -> {
      store.insert(kept);
      return null;
    }, false).recover(e -> {
      log.warn("dead letter not stored gateway={} topic={} reason={}: {}", letter.gatewayId(), letter.topic(),
          letter.rejection().reason().label(), e.toString());
      return Future.succeededFuture();
    }).onComplete(v -> release(gateway, bytes));
  }

  /** Payload bytes waiting to be written, all gateways together. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  /** Rejected messages answered without being kept. */
  public long dropped() {
    return dropped.sum();
  }

  private boolean reserve(String gateway, long bytes) {
    boolean[] reserved = {false};
    queuedByGateway.compute(gateway, (g, queued) -> {
      long have = queued == null ? 0 : queued;
      if (have + bytes > maxQueuedBytesPerGateway) {
        return queued;
      }
      if (queuedBytes.addAndGet(bytes) > maxQueuedBytes) {
        queuedBytes.addAndGet(-bytes);
        return queued;
      }
      reserved[0] = true;
      return have + bytes;
    });
    return reserved[0];
  }

  private void release(String gateway, long bytes) {
    queuedBytes.addAndGet(-bytes);
    // a gateway with nothing waiting holds no entry
    queuedByGateway.compute(gateway, (g, queued) -> queued == null || queued - bytes <= 0 ? null : queued - bytes);
  }

  private DeadLetter truncated(DeadLetter letter) {
    byte[] payload = letter.payload();
    return payload.length <= maxPayloadBytes ? letter
        : new DeadLetter(letter.gatewayId(), letter.topic(), letter.rejection(), Arrays.copyOf(payload, maxPayloadBytes));
  }
}
