package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One-minute rollups of a flush, summed in memory and added to {@code rollup_1m} by one
 * upsert, and their hourly sums to {@code rollup_hour} by another (long ranges, such as a year's
 * rapor, read 60 times fewer rows). Keys are written in sorted order so concurrent writers lock
 * rows in the same order and cannot deadlock.
 */
final class Rollups {
  private static final String UPSERT = """
      INSERT INTO %1$s AS r (kecamatan_id, metric_id, %2$s, count, sum, min, max)
      SELECT k, m, timestamptz 'epoch' + t * interval '1 millisecond', n, s, lo, hi
      FROM unnest(?::int[], ?::int[], ?::int8[], ?::int8[], ?::float8[], ?::float8[], ?::float8[])
        AS u(k, m, t, n, s, lo, hi)
      ORDER BY k, m, t
      ON CONFLICT (kecamatan_id, metric_id, %2$s) DO UPDATE SET
        count = r.count + excluded.count,
        sum = r.sum + excluded.sum,
        min = least(r.min, excluded.min),
        max = greatest(r.max, excluded.max)""";
  private static final String MINUTES = UPSERT.formatted("rollup_1m", "minute");
  private static final String HOURS = UPSERT.formatted("rollup_hour", "hour");

  private record Key(int kecamatanId, short metricId, long start) {
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
    write(c, MINUTES, aggregates);
    Map<Key, Aggregate> hours = new HashMap<>();
    aggregates.forEach((k, a) -> {
      Aggregate h = hours.computeIfAbsent(new Key(k.kecamatanId(), k.metricId(),
          Math.floorDiv(k.start(), 3_600_000L) * 3_600_000L), x -> new Aggregate());
      h.count += a.count;
      h.sum += a.sum;
      h.min = Math.min(h.min, a.min);
      h.max = Math.max(h.max, a.max);
    });
    write(c, HOURS, hours);
  }

  private static void write(Connection c, String sql, Map<Key, Aggregate> aggregates) throws SQLException {
    int n = aggregates.size();
    Object[] kec = new Object[n];
    Object[] metric = new Object[n];
    Object[] time = new Object[n];
    Object[] count = new Object[n];
    Object[] sum = new Object[n];
    Object[] min = new Object[n];
    Object[] max = new Object[n];
    int i = 0;
    for (var e : aggregates.entrySet()) {
      kec[i] = e.getKey().kecamatanId();
      metric[i] = (int) e.getKey().metricId();
      time[i] = e.getKey().start();
      count[i] = e.getValue().count;
      sum[i] = e.getValue().sum;
      min[i] = e.getValue().min;
      max[i] = e.getValue().max;
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("int4", kec));
      ps.setArray(2, c.createArrayOf("int4", metric));
      ps.setArray(3, c.createArrayOf("int8", time));
      ps.setArray(4, c.createArrayOf("int8", count));
      ps.setArray(5, c.createArrayOf("float8", sum));
      ps.setArray(6, c.createArrayOf("float8", min));
      ps.setArray(7, c.createArrayOf("float8", max));
      ps.executeUpdate();
    }
  }
}
