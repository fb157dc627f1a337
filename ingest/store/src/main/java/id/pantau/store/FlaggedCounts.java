package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flagged readings of a flush per kecamatan, metric, hour and flag, added to
 * {@code reading_flagged_1h} by one upsert in sorted key order (as {@link Rollups}, so writers
 * lock rows in the same order). Empty, and so free, in a flush without flagged readings.
 */
final class FlaggedCounts {
  private static final String UPSERT = """
      INSERT INTO reading_flagged_1h AS f (kecamatan_id, metric_id, hour, flag, count)
      SELECT k, m, timestamptz 'epoch' + t * interval '1 millisecond', fl, n
      FROM unnest(?::int[], ?::int[], ?::int8[], ?::int[], ?::int8[]) AS u(k, m, t, fl, n)
      ORDER BY k, m, t, fl
      ON CONFLICT (kecamatan_id, metric_id, hour, flag) DO UPDATE SET count = f.count + excluded.count""";

  private record Key(int kecamatanId, short metricId, long hour, short flag) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(kecamatanId, o.kecamatanId);
      c = c != 0 ? c : Short.compare(metricId, o.metricId);
      c = c != 0 ? c : Long.compare(hour, o.hour);
      return c != 0 ? c : Short.compare(flag, o.flag);
    }
  }

  private final Map<Key, long[]> counts = new TreeMap<>();
  private long total;

  void add(int kecamatanId, short metricId, long epochMillis, ReadingFlag flag) {
    long hour = Math.floorDiv(epochMillis, 3_600_000L) * 3_600_000L;
    counts.computeIfAbsent(new Key(kecamatanId, metricId, hour, flag.code()), k -> new long[1])[0]++;
    total++;
  }

  /** Flagged readings of the flush, whatever their key. */
  long total() {
    return total;
  }

  void upsert(Connection c) throws SQLException {
    if (counts.isEmpty()) {
      return;
    }
    int n = counts.size();
    Object[] kec = new Object[n];
    Object[] metric = new Object[n];
    Object[] hour = new Object[n];
    Object[] flag = new Object[n];
    Object[] count = new Object[n];
    int i = 0;
    for (var e : counts.entrySet()) {
      kec[i] = e.getKey().kecamatanId();
      metric[i] = (int) e.getKey().metricId();
      hour[i] = e.getKey().hour();
      flag[i] = (int) e.getKey().flag();
      count[i] = e.getValue()[0];
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setArray(1, c.createArrayOf("int4", kec));
      ps.setArray(2, c.createArrayOf("int4", metric));
      ps.setArray(3, c.createArrayOf("int8", hour));
      ps.setArray(4, c.createArrayOf("int4", flag));
      ps.setArray(5, c.createArrayOf("int8", count));
      ps.executeUpdate();
    }
  }
}
