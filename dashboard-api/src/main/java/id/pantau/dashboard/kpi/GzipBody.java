package id.pantau.dashboard.kpi;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A snapshot's body in gzip, compressed at most once: by the ticker's worker right after a view
 * changes, or by the first request that asks for it. Compressing once per change (not per
 * request) is what lets the best level pay: about 10 to 15% fewer bytes than level 6 on the
 * kecamatan view, for a cost paid once a second rather than a thousand times.
 */
final class GzipBody {
  /** Compressions made in this process: grows with changed views, never with requests. */
  private static final LongAdder COMPRESSIONS = new LongAdder();
  /** Bodies this small go as they are: gzip's header and trailer alone are 18 bytes. */
  private static final int MIN_BYTES = 256;

  private final byte[] identity;
  private volatile Buffer compressed;
  private volatile boolean done;

  GzipBody(byte[] identity) {
    this.identity = identity;
  }

  /** Compressions so far in this process (for health: it must not grow with the number of screens). */
  static long compressions() {
    return COMPRESSIONS.sum();
  }

  /** The gzip form, or null when it is not smaller than the body. */
  Buffer get() {
    if (!done) {
      compress();
    }
    return compressed;
  }

  private synchronized void compress() {
    if (done) {
      return;
    }
    if (identity.length >= MIN_BYTES) {
      byte[] gz = gzip(identity);
      COMPRESSIONS.increment();
      compressed = gz.length < identity.length ? Buffer.buffer(gz) : null;
    }
    done = true;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }
}
