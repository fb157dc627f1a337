package id.pantau.dashboard.http;

import java.util.zip.Deflater;

/**
 * gzip for Server-Sent Events without a compressor per connection. An event stream must be
 * flushed after every event, and a gzip stream per connection (what a compressing proxy, or
 * Vert.x's {@code setCompressionSupported}, does) deflates every event once per connection and
 * holds zlib's state (256 KiB) for each. Instead each event is deflated once, on its own (a
 * fresh dictionary), and ended with a sync flush so that it stops on a byte boundary with no
 * final block: pieces made so can be appended to one another in any order and the result is one
 * valid deflate stream. Every connection's stream is then the {@link #GZIP_HEADER} followed by
 * the shared pieces of the events it is sent. (No gzip trailer: the stream ends only when the
 * connection does, and event-stream readers take what arrived.) Losing the dictionary between
 * events costs little: an event is mostly one view of tens of kilobytes, more than deflate's
 * 32 KiB window. Measured in docs/BENCHMARKS.md ({@code SseGzipCost}).
 */
final class DeflatedSegment {
  /** Magic, deflate, no flags, no time, no extra flags, unknown OS (RFC 1952). */
  static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private DeflatedSegment() {
  }

  /** The parts, deflated together as one self-contained piece. */
  static byte[] of(byte[]... parts) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      int length = 0;
      for (byte[] p : parts) {
        length += p.length;
      }
      byte[] input = new byte[length];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, input, at, p.length);
        at += p.length;
      }
      deflater.setInput(input);
      byte[] out = new byte[length + length / 1000 + 64];
      int written = 0;
      int n;
      do {
        if (written == out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        n = deflater.deflate(out, written, out.length - written, Deflater.SYNC_FLUSH);
        written += n;
      } while (written == out.length);
      return java.util.Arrays.copyOf(out, written);
    } finally {
      deflater.end();
    }
  }
}
