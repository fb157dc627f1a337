package id.pantau.ingest;

import id.pantau.config.ConfigTree;
import id.pantau.ingest.batch.BatcherConfig;
import id.pantau.wire.DecodeLimits;
import java.time.Duration;

/** How the ingest path batches, validates and keeps rejected messages. */
public record IngestConfig(
    BatcherConfig batcher,
    DecodeLimits limits,
    int deadLetterMaxRows,
    int deadLetterMaxPayloadBytes,
    long deadLetterMaxQueuedBytes,
    long deadLetterMaxQueuedBytesPerGateway,
    int maxSensorsPerGateway,
    int maxSensorsPerKecamatan,
    int passwordIterations,
    Duration drainTimeout) {

  public static IngestConfig from(ConfigTree c) {
    var batcher = new BatcherConfig(
        c.integer("ingest.writers", 1, 64),
        c.integer("ingest.maxFlushRows", 1, 10_000_000),
        c.integer("ingest.maxFlushBytes", 1024, Integer.MAX_VALUE),
        c.integer("ingest.bufferBytes", 1024, Integer.MAX_VALUE),
        c.duration("ingest.retryMin"),
        c.duration("ingest.retryMax"));
    var limits = new DecodeLimits(
        DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES,
        DecodeLimits.PROTOCOL_MAX_ITEMS,
        c.duration("ingest.clockSkew"),
        c.duration("retention.raw"));
    return new IngestConfig(batcher, limits,
        c.integer("ingest.deadLetter.maxRows", 1, 100_000_000),
        c.integer("ingest.deadLetter.maxPayloadBytes", 0, DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES),
        c.integer("ingest.deadLetter.maxQueuedBytes", 0, Integer.MAX_VALUE),
        c.integer("ingest.deadLetter.maxQueuedBytesPerGateway", 0, Integer.MAX_VALUE),
        c.integer("ingest.maxSensorsPerGateway", 0, 100_000_000),
        c.integer("ingest.maxSensorsPerKecamatan", 0, 100_000_000),
        c.integer("security.passwordIterations", 1000, 10_000_000),
        c.duration("ingest.drainTimeout"));
  }
}
