package id.pantau.ingest.batch;

import java.time.Duration;

/**
 * @param writers flushes that may be in flight at once, each on its own connection
 * @param maxFlushRows a flush is closed once it holds this many rows (one item may exceed it)
 * @param maxFlushBytes likewise in payload bytes
 * @param bufferBytes the most payload bytes waiting or in flight; beyond it producers are refused
 * @param retryMin first pause after the database failed; doubles up to retryMax
 */
public record BatcherConfig(int writers, int maxFlushRows, long maxFlushBytes, long bufferBytes,
                            Duration retryMin, Duration retryMax) {
  public BatcherConfig {
    if (writers < 1 || maxFlushRows < 1 || maxFlushBytes < 1 || bufferBytes < maxFlushBytes) {
      throw new IllegalArgumentException("invalid batcher limits: writers=" + writers + " maxFlushRows=" + maxFlushRows
          + " maxFlushBytes=" + maxFlushBytes + " bufferBytes=" + bufferBytes + " (must be >= maxFlushBytes)");
    }
  }
}
