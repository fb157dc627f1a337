package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One-minute rollups of a flush, summed in memory and added to {@code rollup_1m} by one
 * upsert. Keys are written in sorted order so concurrent writers lock rows in the same
 * order and cannot deadlock.
 */
final class Rollups {
  private static final String UPSERT = """
      INSERT INTO rollup_1m AS r (kecamatan_id, metric_id, minute, count, sum, min, max)
      SELECT k, m, timestamptz 'epoch' + t * interval '1 millisecond', n, s, lo, hi
      FROM unnest(?::int[], ?::int[], ?::int8[], ?::int8[], ?::float8[], ?::float8[], ?::float8[])
        AS u(k, m, t, n, s, lo, hi)
      ORDER BY k, m, t
      ON CONFLICT (kecamatan_id, metric_id, minute) DO UPDATE SET
        count = r.count + excluded.count,
        sum = r.sum + excluded.sum,
        min = least(r.min, excluded.min),
        max = greatest(r.max, excluded.max)""";

  private record Key(int kecamatanId, short metricId, long minute) {
  }

  private static final class Aggregate {
    long count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
  }

  private final Map<Key, Aggregate> aggregates = new HashMap<>();

  void add(int kecamatanId, short metricId, long epochMillis, double value) {
    long minute = Math.floorDiv(epochMillis, 60_000L) * 60_000L;
    Aggregate a = aggregates.computeIfAbsent(new Key(kecamatanId, metricId, minute), k -> new Aggregate());
    a.count++;
    a.sum += value;
    a.min = Math.min(a.min, value);
    a.max = Math.max(a.max, value);
  }

  void upsert(Connection c) throws SQLException {
    if (aggregates.isEmpty()) {
      return;
    }
    int n = aggregates.size();
    Object[] kec = new Object[n];
    Object[] metric = new Object[n];
    Object[] minute = new Object[n];
    Object[] count = new Object[n];
    Object[] sum = new Object[n];
    Object[] min = new Object[n];
    Object[] max = new Object[n];
    int i = 0;
    for (var e : aggregates.entrySet()) {
      kec[i] = e.getKey().kecamatanId();
      metric[i] = (int) e.getKey().metricId();
      minute[i] = e.getKey().minute();
      count[i] = e.getValue().count;
      sum[i] = e.getValue().sum;
      min[i] = e.getValue().min;
      max[i] = e.getValue().max;
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setArray(1, c.createArrayOf("int4", kec));
      ps.setArray(2, c.createArrayOf("int4", metric));
      ps.setArray(3, c.createArrayOf("int8", minute));
      ps.setArray(4, c.createArrayOf("int8", count));
      ps.setArray(5, c.createArrayOf("float8", sum));
      ps.setArray(6, c.createArrayOf("float8", min));
      ps.setArray(7, c.createArrayOf("float8", max));
      ps.executeUpdate();
    }
  }
}
