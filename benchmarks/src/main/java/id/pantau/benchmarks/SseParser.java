package id.pantau.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One screen's stream read just enough for the SSE step: gzip inflated (the stream is a gzip
 * header, then raw deflate), each line's start kept (data lines can be large and are only
 * skipped), events counted at their blank line, and the arrival of each new {@code id:} noted
 * with the time its bytes arrived. Synchronized: a screen's bytes come on its event loop, the
 * arrivals are read at the end from another thread.
 */
final class SseParser {
  /** What {@link #arrivals} hands out: an event id and when it arrived. */
  interface Arrival {
    void accept(long id, long atNanos);
  }

  private static final int GZIP_HEADER_BYTES = 10;
  private static final int KEPT = 64;

  private final Inflater inflater;
  private final byte[] inflated;
  private int headerLeft;
  private final byte[] line = new byte[KEPT];
  private int kept;
  private boolean lineEmpty = true;
  private boolean inEvent;
  private int events;
  private long lastId = Long.MIN_VALUE;
  private long[] ids = new long[64];
  private long[] times = new long[64];
  private int arrivals;

  SseParser(boolean gzip) {
    inflater = gzip ? new Inflater(true) : null;
    inflated = gzip ? new byte[16 * 1024] : null;
    headerLeft = gzip ? GZIP_HEADER_BYTES : 0;
  }

  synchronized void accept(byte[] bytes, long nowNanos) {
    if (inflater == null) {
      scan(bytes, 0, bytes.length, nowNanos);
      return;
    }
    int skip = Math.min(headerLeft, bytes.length);
    headerLeft -= skip;
    inflater.setInput(bytes, skip, bytes.length - skip);
    try {
      int n;
      while ((n = inflater.inflate(inflated)) > 0) {
        scan(inflated, 0, n, nowNanos);
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("the gzip stream is not valid deflate", e);
    }
  }

  /** Complete events so far (a blank line after an {@code event:} or {@code data:} line). */
  synchronized int events() {
    return events;
  }

  synchronized void arrivals(Arrival to) {
    for (int i = 0; i < arrivals; i++) {
      to.accept(ids[i], times[i]);
    }
  }

  private void scan(byte[] a, int from, int to, long nowNanos) {
    for (int i = from; i < to; i++) {
      byte c = a[i];
      if (c == '\n') {
        endLine(nowNanos);
      } else {
        lineEmpty = false;
        if (kept < KEPT) {
          line[kept++] = c;
        }
      }
    }
  }

  private void endLine(long nowNanos) {
    if (lineEmpty) {
      if (inEvent) {
        events++;
      }
      inEvent = false;
    } else if (startsWith("id:")) {
      long id = Long.parseLong(new String(line, 3, kept - 3, StandardCharsets.US_ASCII).trim());
      if (id != lastId) {
        arrived(id, nowNanos);
        lastId = id;
      }
    } else if (startsWith("event:") || startsWith("data:")) {
      inEvent = true;
    }
    kept = 0;
    lineEmpty = true;
  }

  private void arrived(long id, long nowNanos) {
    if (arrivals == ids.length) {
      ids = Arrays.copyOf(ids, arrivals * 2);
      times = Arrays.copyOf(times, arrivals * 2);
    }
    ids[arrivals] = id;
    times[arrivals++] = nowNanos;
  }

  private boolean startsWith(String prefix) {
    if (kept < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
