package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The newest reading per (sensor, metric) in a flush, upserted so that a late reading never
 * replaces a newer one already stored; with the time it was stored (sensor health's late and
 * silent checks).
 */
final class LatestValues {
  private static final String UPSERT = """
      INSERT INTO latest_value AS l (sensor_id, metric_id, ts, value, stored_at)
      SELECT s, m, timestamptz 'epoch' + t * interval '1 millisecond', v, now()
      FROM unnest(?::int[], ?::int[], ?::int8[], ?::float8[]) AS u(s, m, t, v)
      ORDER BY s, m
      ON CONFLICT (sensor_id, metric_id) DO UPDATE SET ts = excluded.ts, value = excluded.value,
        stored_at = excluded.stored_at
      WHERE excluded.ts >= l.ts""";

  private record Key(int sensorId, short metricId) {
  }

  private static final class Latest {
    long ts;
    double value;
  }

  private final Map<Key, Latest> latest = new HashMap<>();

  void add(int sensorId, short metricId, long epochMillis, double value) {
    Latest l = latest.computeIfAbsent(new Key(sensorId, metricId), k -> {
      Latest fresh = new Latest();
      fresh.ts = Long.MIN_VALUE;
      return fresh;
    });
    if (epochMillis >= l.ts) {
      l.ts = epochMillis;
      l.value = value;
    }
  }

  void upsert(Connection c) throws SQLException {
    if (latest.isEmpty()) {
      return;
    }
    int n = latest.size();
    Object[] sensor = new Object[n];
    Object[] metric = new Object[n];
    Object[] ts = new Object[n];
    Object[] value = new Object[n];
    int i = 0;
    for (var e : latest.entrySet()) {
      sensor[i] = e.getKey().sensorId();
      metric[i] = (int) e.getKey().metricId();
      ts[i] = e.getValue().ts;
      value[i] = e.getValue().value;
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setArray(1, c.createArrayOf("int4", sensor));
      ps.setArray(2, c.createArrayOf("int4", metric));
      ps.setArray(3, c.createArrayOf("int8", ts));
      ps.setArray(4, c.createArrayOf("float8", value));
      ps.executeUpdate();
    }
  }
}
