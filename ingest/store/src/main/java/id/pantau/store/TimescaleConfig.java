package id.pantau.store;

import id.pantau.config.ConfigTree;
import java.time.Duration;

/**
 * TimescaleDB policies, used only when the extension is installed. Raw readings are
 * compressed after {@code compressAfter} (beyond the longest expected gateway outage, so late
 * batches land in uncompressed chunks) and dropped after {@code rawRetention}; rollups live
 * for {@code rollupRetention}.
 */
public record TimescaleConfig(Duration chunkInterval, Duration compressAfter, Duration rawRetention, Duration rollupRetention) {

  public static TimescaleConfig from(ConfigTree c) {
    return new TimescaleConfig(
        c.duration("database.timescale.chunkInterval"),
        c.duration("database.timescale.compressAfter"),
        c.duration("retention.raw"),
        c.duration("retention.rollups"));
  }
}
