package id.pantau.benchmarks;

import id.pantau.simulator.gateway.CityPlan;
import id.pantau.simulator.gateway.GatewayPlan;
import id.pantau.simulator.model.CityModel;
import id.pantau.simulator.model.ModelClock;
import id.pantau.simulator.model.SensorSlot;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioReader;
import id.pantau.store.ReadingRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Days of a city's readings as its sensors would have sent them, written by binary COPY. The
 * values come from the simulator's city model (daily patterns, weather, per-sensor bias and
 * noise, one decimal), every sensor on its scenario's interval: a compression ratio means
 * something only on data shaped like the real thing, not on a counter.
 */
final class HistoricalReadings {
  /** What was written: rows, the seconds spent in COPY and commit alone, and the registered sensors. */
  record Written(long rows, double copySeconds, int sensors, Map<String, Integer> kecamatanIds) {
    double rowsPerSecond() {
      return rows / copySeconds;
    }
  }

  private static final long SEED = 17;
  private static final int CHUNK_ROWS = 50_000;

  private HistoricalReadings() {
  }

  /** The built-in Bandung scenario's sensors from {@code startMillis} for {@code days}, in time order. */
  static Written write(DataSource ds, long startMillis, int days) throws SQLException {
    Scenario scenario = ScenarioReader.builtIn(ScenarioReader.BUILT_IN);
    CityModel model = new CityModel(scenario, new ModelClock(startMillis, scenario.timezone(), null, 1.0));
    List<SensorSlot> slots = new ArrayList<>();
    for (GatewayPlan g : CityPlan.build(scenario, model, SEED, false, false, "hypertable")) {
      slots.addAll(g.slots());
    }
    try (Connection c = ds.getConnection()) {
      Map<String, Integer> kecamatan = kecamatanIds(c, scenario.city());
      Map<String, Short> metrics = metricIds(c);
      Map<String, Integer> sensors = registerSensors(c, scenario.city(), slots, kecamatan);
      slots.removeIf(s -> !sensors.containsKey(s.sensor()));
      int n = slots.size();
      int[] sensorIds = new int[n];
      short[] metricIds = new short[n];
      long[] intervals = new long[n];
      long[] offsets = new long[n];
      for (int i = 0; i < n; i++) {
        SensorSlot s = slots.get(i);
        sensorIds[i] = sensors.get(s.sensor());
        metricIds[i] = metrics.get(s.metric().wireName());
        intervals[i] = s.intervalMillis();
        // a gateway samples each sensor at its own second within the interval, not all on the minute
        offsets[i] = (long) (s.intervalMillis() * ((s.sensor().hashCode() & 0xffff) / 65536.0)) / 1000 * 1000;
      }
      c.setAutoCommit(false);
      long end = startMillis + days * 86_400_000L;
      long rows = 0;
      long copyNanos = 0;
      ReadingRows chunk = new ReadingRows(CHUNK_ROWS);
      for (long minute = startMillis; minute < end; minute += 60_000) {
        for (int i = 0; i < n; i++) {
          if ((minute - startMillis) % intervals[i] != 0) {
            continue;
          }
          long ts = minute + offsets[i];
          chunk.add(ts, sensorIds[i], metricIds[i], model.value(slots.get(i), ts));
          if (chunk.rows() == CHUNK_ROWS) {
            copyNanos += copy(c, chunk);
            rows += chunk.rows();
            chunk = new ReadingRows(CHUNK_ROWS);
          }
        }
      }
      if (chunk.rows() > 0) {
        copyNanos += copy(c, chunk);
        rows += chunk.rows();
      }
      c.setAutoCommit(true);
      return new Written(rows, copyNanos / 1e9, sensors.size(), kecamatan);
    }
  }

  /** One chunk by COPY and its commit; @return the nanoseconds they took (generating the rows is not counted) */
  private static long copy(Connection c, ReadingRows chunk) throws SQLException {
    byte[] bytes = chunk.finish();
    long start = System.nanoTime();
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(ReadingRows.COPY_SQL);
    copy.writeToCopy(bytes, 0, chunk.length());
    copy.endCopy();
    c.commit();
    return System.nanoTime() - start;
  }

  private static Map<String, Integer> kecamatanIds(Connection c, String city) throws SQLException {
    Map<String, Integer> ids = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT k.slug, k.id FROM kecamatan k JOIN city c ON c.id = k.city_id WHERE c.slug = ?")) {
      ps.setString(1, city);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalStateException("the database has no kecamatan of " + city + ": the city files are not loaded");
    }
    return ids;
  }

  private static Map<String, Short> metricIds(Connection c) throws SQLException {
    Map<String, Short> ids = new HashMap<>();
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT name, id FROM metric")) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getShort(2));
      }
    }
    return ids;
  }

  /** Every slot's sensor in {@code sensor} (as the server would register it on first sight); @return external id to id */
  private static Map<String, Integer> registerSensors(Connection c, String city, List<SensorSlot> slots,
                                                     Map<String, Integer> kecamatan) throws SQLException {
    Map<String, Integer> ids = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway)
        VALUES ((SELECT id FROM city WHERE slug = ?), ?, ?, 'hypertable-benchmark')
        ON CONFLICT (city_id, external_id) DO UPDATE SET kecamatan_id = excluded.kecamatan_id
        RETURNING id""")) {
      for (SensorSlot s : slots) {
        Integer k = kecamatan.get(s.kecamatan());
        if (k == null || ids.containsKey(s.sensor())) {
          continue;
        }
        ps.setString(1, city);
        ps.setString(2, s.sensor());
        ps.setInt(3, k);
        try (var rs = ps.executeQuery()) {
          rs.next();
          ids.put(s.sensor(), rs.getInt(1));
        }
      }
    }
    return ids;
  }
}
