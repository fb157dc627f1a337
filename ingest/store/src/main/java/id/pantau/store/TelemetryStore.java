package id.pantau.store;

import id.pantau.city.Plausibility;
import id.pantau.wire.TelemetryBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import id.pantau.wire.Rejection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a flush of telemetry batches in one transaction: claims the batch ids (so a
 * redelivered batch is skipped, see {@link BatchClaims}), registers first-seen sensors, COPYs the readings, adds to
 * the one-minute rollups, moves the latest values and the gateways' last-seen. A reading outside
 * its plausible range is stored flagged and counted, and moves neither rollups nor latest values
 * (so no aggregate ever sees a value beyond {@link id.pantau.wire.PlausibleRange#LIMIT}). When this
 * returns, everything is committed; only then may the batches be acknowledged. A write naming a
 * sensor of another kecamatan (or beyond a sensor quota) is refused by itself, not claimed and
 * not stored; the others of the flush commit.
 * Blocking JDBC: call from a writer thread.
 */
public final class TelemetryStore {
  private static final String TOUCH_GATEWAYS = """
      UPDATE gateway g SET last_seen = now(), last_batch_at = now(), last_lag_ms = u.lag
      FROM (SELECT * FROM unnest(?::text[], ?::int8[]) AS x(id, lag) ORDER BY id) u
      WHERE g.id = u.id""";

  private final DataSource ds;
  private final MetricIds metricIds;
  private final SensorIds sensorIds;
  private final IntFunction<Plausibility> plausibility;
  private final LongAdder flaggedReadings = new LongAdder();

  /** @param plausibility a city's (by id) plausible ranges */
  public TelemetryStore(DataSource ds, MetricIds metricIds, SensorPolicy sensors,
                        IntFunction<Plausibility> plausibility) {
    this.ds = ds;
    this.metricIds = metricIds;
    this.sensorIds = new SensorIds(sensors);
    this.plausibility = plausibility;
  }

  /**
   * Before a write joins a flush, from the sensor cache alone: why it must be refused (it names
   * a sensor known to belong to another kecamatan), or null. Such a write never reaches a
   * transaction, so it cannot cost the writes of other gateways anything.
   */
  public Rejection refusalBeforeFlush(TelemetryWrite write) {
    return sensorIds.foreignInCache(write);
  }

  public WriteResult write(List<TelemetryWrite> writes) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        SensorIds.Resolved sensors = sensorIds.resolve(c, writes);
        BitSet candidates = new BitSet(writes.size());
        candidates.set(0, writes.size());
        sensors.refusals().keySet().forEach(candidates::clear);
        BitSet claimed = BatchClaims.claim(c, "telemetry", writes, candidates, w -> w.batch().id(), w -> w.batch().size());
        List<TelemetryWrite> fresh = claimed.stream().mapToObj(writes::get).toList();
        int[][] ids = claimed.stream().mapToObj(w -> sensors.ids()[w]).toArray(int[][]::new);
        Stored stored = storeReadings(c, fresh, ids);
        touchGateways(c, fresh);
        c.commit();
        sensorIds.remember(sensors.registered());
        flaggedReadings.add(stored.flagged());
        return WriteResult.of(writes.size(), claimed, sensors.refusals(), stored.readings());
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Readings committed flagged since start (also counted as stored). */
  public long flaggedReadings() {
    return flaggedReadings.sum();
  }

  private record Stored(long readings, long flagged) {
  }

  private Stored storeReadings(Connection c, List<TelemetryWrite> fresh, int[][] sensorIds) throws SQLException {
    int total = fresh.stream().mapToInt(w -> w.batch().size()).sum();
    ReadingRows rows = new ReadingRows(total);
    Rollups rollups = new Rollups();
    LatestValues latest = new LatestValues();
    FlaggedCounts flagged = new FlaggedCounts();
    for (int w = 0; w < fresh.size(); w++) {
      TelemetryBatch b = fresh.get(w).batch();
      int kecamatanId = fresh.get(w).kecamatan().id();
      Plausibility ranges = plausibility.apply(fresh.get(w).kecamatan().cityId());
      for (int i = 0; i < b.size(); i++) {
        int sensorId = sensorIds[w][i];
        short metricId = metricIds.id(b.metric(i));
        if (ranges.plausible(b.metric(i), b.sensor(i), b.value(i))) {
          rows.add(b.timestamp(i), sensorId, metricId, b.value(i));
          rollups.add(kecamatanId, metricId, b.timestamp(i), b.value(i));
          latest.add(sensorId, metricId, b.timestamp(i), b.value(i));
        } else {
          rows.addFlagged(b.timestamp(i), sensorId, metricId, b.value(i), ReadingFlag.OUT_OF_RANGE);
          flagged.add(kecamatanId, metricId, b.timestamp(i), ReadingFlag.OUT_OF_RANGE);
        }
      }
    }
    if (rows.rows() > 0) {
      copy(c, rows);
      rollups.upsert(c);
      latest.upsert(c);
      flagged.upsert(c);
    }
    return new Stored(rows.rows(), flagged.total());
  }

  private static void copy(Connection c, ReadingRows rows) throws SQLException {
    byte[] bytes = rows.finish();
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(ReadingRows.COPY_SQL);
    try {
      copy.writeToCopy(bytes, 0, rows.length());
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** Last seen and the lag between the newest measurement of each gateway's batches and now. */
  private static void touchGateways(Connection c, List<TelemetryWrite> fresh) throws SQLException {
    if (fresh.isEmpty()) {
      return;
    }
    Map<String, Long> newest = new HashMap<>();
    for (TelemetryWrite w : fresh) {
      TelemetryBatch b = w.batch();
      long max = Long.MIN_VALUE;
      for (int i = 0; i < b.size(); i++) {
        max = Math.max(max, b.timestamp(i));
      }
      newest.merge(b.id().gateway(), max, Math::max);
    }
    long now = System.currentTimeMillis();
    var entries = new ArrayList<>(newest.entrySet());
    entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    String[] ids = new String[entries.size()];
    Object[] lags = new Object[entries.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = entries.get(i).getKey();
      lags[i] = Math.max(0, now - entries.get(i).getValue());
    }
    try (PreparedStatement ps = c.prepareStatement(TOUCH_GATEWAYS)) {
      ps.setArray(1, c.createArrayOf("text", ids));
      ps.setArray(2, c.createArrayOf("int8", lags));
      ps.executeUpdate();
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
