package id.pantau.ingest.mqtt;

/**
 * A token bucket per connection: {@code perSecond} messages a second on average, with bursts
 * of up to one second's worth. A gateway sends a batch every few seconds; a client over this
 * rate is flooding (QoS 0 has no window to hold it back) and is disconnected before it can
 * crowd out the gateways sharing its event loop. Used from one event loop only.
 */
final class MessageRateLimit {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  MessageRateLimit(int perSecond, long nowNanos) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be positive, is " + perSecond);
    }
    this.perNano = (double) perSecond / NANOS_PER_SECOND;
    this.capacity = perSecond;
    this.tokens = perSecond;
    this.lastNanos = nowNanos;
  }

  /** Takes a token if one is left; false means the client is over its rate. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
