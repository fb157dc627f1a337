package id.pantau.benchmarks;

import java.sql.SQLException;

/**
 * After a closed-loop step, from tables emptied before it: what the clients saw acknowledged
 * against what the database claimed (one {@code ingest_batch} row per batch), stored and rolled
 * up by minute and by hour. Exactly once holds when all of them agree: a batch acknowledged
 * but not claimed was lost, one claimed twice or stored beyond its acknowledgement was duplicated.
 */
record ExactlyOnce(long ackedMessages, long ackedReadings, long claimedBatches, long claimedReadings, long stored,
                   long rolledUp, long hourly) {

  static ExactlyOnce check(BenchmarkServer bench, ClosedLoop.Result r) throws SQLException {
    return new ExactlyOnce(r.ackedMessages(), r.ackedReadings(),
        bench.count("SELECT count(*) FROM ingest_batch WHERE stream = 'telemetry'"),
        bench.count("SELECT coalesce(sum(items), 0) FROM ingest_batch WHERE stream = 'telemetry'"),
        bench.count("SELECT count(*) FROM reading"),
        bench.count("SELECT coalesce(sum(count), 0) FROM rollup_1m"),
        bench.count("SELECT coalesce(sum(count), 0) FROM rollup_hour"));
  }

  boolean holds() {
    return claimedBatches == ackedMessages && claimedReadings == ackedReadings && stored == ackedReadings
        && rolledUp == ackedReadings && hourly == ackedReadings;
  }

  String detail() {
    return String.format("acked %,d batches = %,d readings, claimed %,d = %,d, stored %,d, rolled up %,d by minute,"
        + " %,d by hour", ackedMessages, ackedReadings, claimedBatches, claimedReadings, stored, rolledUp, hourly);
  }
}
