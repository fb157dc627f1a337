package id.pantau.simulator.verify;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.model.SlotFaults;
import id.pantau.wire.TelemetryBatch;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the server acknowledged with what its database holds, reading by reading:
 * an acknowledged reading absent is <em>missing</em> (a broken promise), one stored twice is
 * <em>duplicated</em>, and one stored but never acknowledged is <em>extra</em> — harmless when the
 * simulator sent it and the PUBACK was lost, a fault when the simulator never sent it. It also
 * checks the quality flag: exactly the readings a scripted fault sent implausible on purpose must
 * be stored flagged ({@link FlagCheck}).
 */
public final class DatabaseVerifier {
  private static final int EXAMPLES = 20;

  private final String url;
  private final String user;
  private final String password;

  public DatabaseVerifier(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * @param faultMarks per slot ({@code sensor/metric}), the readings the run's faults changed
   * @param faults how many faults the scenario scripts
   */
  public RunResult.Verification verify(String city, List<TelemetryBatch> acknowledged, List<TelemetryBatch> unacknowledged,
      Map<String, SlotFaults.Marks> faultMarks, int faults) throws SQLException {
    ReadingKeys acked = new ReadingKeys(acknowledged);
    FlagCheck flags = new FlagCheck(faultMarks, faults, acked);
    ReadingKeys sentOnly = new ReadingKeys(unacknowledged);
    Map<String, BitSet> seen = new HashMap<>();
    long[] range = timeRange(acked, sentOnly);
    long stored = 0;
    long duplicated = 0;
    long extraSent = 0;
    long extraUnknown = 0;
    List<String> duplicatedExamples = new ArrayList<>();
    List<String> extraExamples = new ArrayList<>();
    List<String> sensors = new ArrayList<>();
    acked.bySlot().keySet().forEach(s -> sensors.add(s.substring(0, s.lastIndexOf('/'))));
    sentOnly.bySlot().keySet().forEach(s -> sensors.add(s.substring(0, s.lastIndexOf('/'))));
    if (range != null) {
      try (Connection c = DriverManager.getConnection(url, user, password);
           PreparedStatement ps = c.prepareStatement(
               "SELECT s.external_id, m.name, (extract(epoch FROM r.ts) * 1000)::bigint AS ms, count(*),"
                   + " count(r.flag), min(r.value)"
                   + " FROM reading r JOIN sensor s ON s.id = r.sensor_id JOIN metric m ON m.id = r.metric_id"
                   + " JOIN city ci ON ci.id = s.city_id"
                   + " WHERE ci.slug = ? AND s.external_id = ANY (?) AND r.ts BETWEEN ? AND ?"
                   + " GROUP BY 1, 2, 3")) {
        Array ids = c.createArrayOf("text", sensors.stream().distinct().toArray());
        ps.setString(1, city);
        ps.setArray(2, ids);
        ps.setTimestamp(3, new Timestamp(range[0]));
        ps.setTimestamp(4, new Timestamp(range[1]));
        ps.setFetchSize(10_000);
        c.setAutoCommit(false);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String slot = ReadingKeys.slot(rs.getString(1), rs.getString(2));
            long ts = rs.getLong(3);
            long copies = rs.getLong(4);
            stored += copies;
            String key = slot + "@" + ts;
            int i = acked.indexOf(slot, ts);
            if (i >= 0) {
              seen.computeIfAbsent(slot, k -> new BitSet()).set(i);
              if (copies > 1) {
                duplicated += copies - 1;
                example(duplicatedExamples, key + " stored " + copies + " times");
              }
              flags.stored(slot, ts, copies, rs.getLong(5), rs.getDouble(6));
            } else if (sentOnly.indexOf(slot, ts) >= 0) {
              extraSent += copies;
              flags.stored(slot, ts, copies, rs.getLong(5), rs.getDouble(6));
            } else {
              extraUnknown += copies;
              example(extraExamples, key + " stored but never sent by this run");
            }
          }
        }
        c.commit();
      }
    }
    long missing = 0;
    List<String> missingExamples = new ArrayList<>();
    for (var e : acked.bySlot().entrySet()) {
      BitSet found = seen.getOrDefault(e.getKey(), new BitSet());
      long[] ts = e.getValue();
      for (int i = found.nextClearBit(0); i < ts.length; i = found.nextClearBit(i + 1)) {
        missing++;
        example(missingExamples, e.getKey() + "@" + ts[i] + " acknowledged but not stored");
      }
    }
    return new RunResult.Verification("database " + url, acked.count(), stored, missing, duplicated, extraSent,
        extraUnknown, missingExamples, duplicatedExamples, extraExamples, flags.result());
  }

  private static long[] timeRange(ReadingKeys... sets) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (ReadingKeys k : sets) {
      for (long[] ts : k.bySlot().values()) {
        min = Math.min(min, ts[0]);
        max = Math.max(max, ts[ts.length - 1]);
      }
    }
    return min > max ? null : new long[] {min, max};
  }

  private static void example(List<String> list, String text) {
    if (list.size() < EXAMPLES) {
      list.add(text);
    }
  }
}
