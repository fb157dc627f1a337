package id.pantau.simulator.backfill;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Minute rollups streamed into {@code COPY rollup_1m ... (FORMAT binary)}: the bulk of a
 * backfill (some 580,000 rows a day for Bandung), so PostgreSQL is spared parsing text
 * timestamps and numbers. Values are tenths, exactly as the readings were rounded; their
 * doubles are those a text COPY of the same figures would store.
 */
final class RollupCopy implements TelemetryHistory.RollupSink, AutoCloseable {
  private static final int FLUSH_AT = 1 << 20;
  /** PostgreSQL's epoch (2000-01-01T00:00Z) in minutes after 1970's. */
  private static final long PG_EPOCH_MINUTE = 946_684_800L / 60;
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

  private final CopyIn copy;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(FLUSH_AT + 1024);
  private final DataOutputStream data = new DataOutputStream(bytes);
  private boolean ended;

  RollupCopy(Connection c) throws SQLException {
    copy = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY rollup_1m (kecamatan_id, metric_id, minute, count, sum, min, max) FROM STDIN (FORMAT binary)");
    try {
      data.write(SIGNATURE);
      data.writeInt(0); // flags
      data.writeInt(0); // header extension length
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void row(int kecamatanId, short metricId, long epochMinute, long count, long sumTenths, long minTenths,
      long maxTenths) throws SQLException {
    try {
      data.writeShort(7);
      data.writeInt(4);
      data.writeInt(kecamatanId);
      data.writeInt(2);
      data.writeShort(metricId);
      data.writeInt(8);
      data.writeLong((epochMinute - PG_EPOCH_MINUTE) * 60_000_000L);
      data.writeInt(8);
      data.writeLong(count);
      data.writeInt(8);
      data.writeDouble(sumTenths / 10.0);
      data.writeInt(8);
      data.writeDouble(minTenths / 10.0);
      data.writeInt(8);
      data.writeDouble(maxTenths / 10.0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.size() >= FLUSH_AT) {
      flush();
    }
  }

  long end() throws SQLException {
    try {
      data.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    flush();
    ended = true;
    return copy.endCopy();
  }

  private void flush() throws SQLException {
    if (bytes.size() > 0) {
      copy.writeToCopy(bytes.toByteArray(), 0, bytes.size());
      bytes.reset();
    }
  }

  @Override
  public void close() throws SQLException {
    if (!ended && copy.isActive()) {
      copy.cancelCopy();
    }
  }
}
