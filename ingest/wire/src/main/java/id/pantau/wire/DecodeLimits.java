package id.pantau.wire;

import java.time.Duration;

/**
 * What a batch may hold. The defaults are protocol v1's: 1 MiB, 10,000 readings, 5 minutes
 * of clock skew; the maximum age is the raw-data retention.
 */
public record DecodeLimits(int maxPayloadBytes, int maxItems, Duration clockSkew, Duration maxAge) {
  public static final int PROTOCOL_MAX_PAYLOAD_BYTES = 1024 * 1024;
  public static final int PROTOCOL_MAX_ITEMS = 10_000;

  public DecodeLimits {
    if (maxPayloadBytes < 1 || maxItems < 1 || clockSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("decode limits must be positive: " + maxPayloadBytes + ", " + maxItems
          + ", " + clockSkew + ", " + maxAge);
    }
  }

  public static DecodeLimits protocolDefaults(Duration maxAge) {
    return new DecodeLimits(PROTOCOL_MAX_PAYLOAD_BYTES, PROTOCOL_MAX_ITEMS, Duration.ofMinutes(5), maxAge);
  }
}
