package id.pantau.store;

import java.util.Arrays;

/**
 * Reading rows in PostgreSQL's binary COPY format, for
 * {@code COPY reading (ts, sensor_id, metric_id, value, flag) FROM STDIN (FORMAT binary)}.
 * Binary COPY is the fastest way into the table: no text parsing on the server. A reading that
 * passed its checks has no flag (NULL: four bytes on the wire, one bit in the row).
 */
public final class ReadingRows {
  public static final String COPY_SQL =
      "COPY reading (ts, sensor_id, metric_id, value, flag) FROM STDIN (FORMAT binary)";

  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
      0, 0, 0, 0, // flags
      0, 0, 0, 0}; // header extension length
  /** Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01T00:00Z). */
  private static final long PG_EPOCH_OFFSET_MILLIS = 946_684_800_000L;
  private static final int ROW_BYTES = 2 + (4 + 8) + (4 + 4) + (4 + 2) + (4 + 8) + (4 + 2);

  private byte[] buf;
  private int pos;
  private int rows;

  public ReadingRows(int expectedRows) {
    buf = new byte[HEADER.length + ROW_BYTES * Math.max(expectedRows, 1) + 2];
    System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
    pos = HEADER.length;
  }

  /** A reading that passed its checks. */
  public void add(long epochMillis, int sensorId, short metricId, double value) {
    addFields(epochMillis, sensorId, metricId, value);
    putInt(-1); // flag NULL
    rows++;
  }

  /** A reading stored for the record but kept out of rollups and latest values, with why. */
  public void addFlagged(long epochMillis, int sensorId, short metricId, double value, ReadingFlag flag) {
    addFields(epochMillis, sensorId, metricId, value);
    putInt(2);
    putShort(flag.code());
    rows++;
  }

  private void addFields(long epochMillis, int sensorId, short metricId, double value) {
    ensure(ROW_BYTES);
    putShort((short) 5);
    putInt(8);
    putLong((epochMillis - PG_EPOCH_OFFSET_MILLIS) * 1000);
    putInt(4);
    putInt(sensorId);
    putInt(2);
    putShort(metricId);
    putInt(8);
    putLong(Double.doubleToRawLongBits(value));
  }

  public int rows() {
    return rows;
  }

  /** The complete COPY stream (header, rows, trailer); call once, after the last row. */
  public byte[] finish() {
    ensure(2);
    putShort((short) -1);
    return buf;
  }

  /** The number of valid bytes in {@link #finish()}'s array. */
  public int length() {
    return pos;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  private void putShort(short v) {
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void putInt(int v) {
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
