package id.pantau.benchmarks;

import id.pantau.store.ReadingRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The physical ceiling: the same kind of rows written straight into the same readings table
 * by binary COPY from one JDBC connection, committed (synchronously) every chunk, with
 * nothing else in between: no MQTT, no JSON, no batch ids, no rollups.
 */
final class CopyBaseline {
  private CopyBaseline() {
  }

  /** {@code rows} split over {@code connections} parallel COPY streams; @return rows per second */
  static double run(DataSource ds, long rows, int chunkRows, int sensors, int connections) throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(connections);
    try {
      long start = System.nanoTime();
      var parts = new java.util.ArrayList<java.util.concurrent.Future<Double>>();
      for (int i = 0; i < connections; i++) {
        long share = rows / connections + (i < rows % connections ? 1 : 0);
        parts.add(pool.submit(() -> run(ds, share, chunkRows, sensors)));
      }
      for (var part : parts) {
        part.get();
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  /** One connection; @return rows per second */
  static double run(DataSource ds, long rows, int chunkRows, int sensors) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      int[] sensorIds = sensorIds(c, sensors);
      long ts = System.currentTimeMillis() - 3_600_000;
      long start = System.nanoTime();
      long written = 0;
      while (written < rows) {
        int n = (int) Math.min(chunkRows, rows - written);
        ReadingRows chunk = new ReadingRows(n);
        for (int i = 0; i < n; i++) {
          chunk.add(ts++, sensorIds[(int) ((written + i) % sensorIds.length)], (short) (1 + i % 4), (i * 7) % 500);
        }
        byte[] bytes = chunk.finish();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(ReadingRows.COPY_SQL);
        copy.writeToCopy(bytes, 0, chunk.length());
        copy.endCopy();
        c.commit();
        written += n;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return rows / seconds;
    }
  }

  private static int[] sensorIds(Connection c, int limit) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT id FROM sensor ORDER BY id LIMIT " + limit)) {
      var ids = new java.util.ArrayList<Integer>();
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
      if (ids.isEmpty()) {
        throw new IllegalStateException("no sensors registered; run the ingest phase first");
      }
      return ids.stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
