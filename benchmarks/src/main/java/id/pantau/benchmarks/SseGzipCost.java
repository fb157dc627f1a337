package id.pantau.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * What gzip on the SSE stream would cost, two ways, on successive real snapshots of a view (files
 * saved from {@code GET /api/v1/kecamatan} a tick apart): (a) a gzip stream per connection,
 * flushed after every event (SYNC_FLUSH), as a generic compressing proxy or Vert.x's
 * {@code setCompressionSupported} would do it: every event deflated once per connection, and a
 * deflate state (zlib: 256 KiB at the default window and memory level) held by each; (b) each
 * event deflated once, on its own (a fresh dictionary, ended with a sync flush so it stops on a
 * byte boundary), and the same bytes appended to every connection's stream: concatenated, such
 * pieces are one valid deflate stream. Prints bytes per event and CPU per event for each, with
 * identity as the baseline.
 *
 * <p>{@code java -cp benchmarks/target/pantau-benchmarks.jar id.pantau.benchmarks.SseGzipCost
 * CONNECTIONS FILE...}
 */
public final class SseGzipCost {
  private SseGzipCost() {
  }

  public static void main(String[] args) throws Exception {
    int connections = Integer.parseInt(args[0]);
    List<byte[]> events = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      byte[] json = Files.readAllBytes(Path.of(args[i]));
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      e.writeBytes(("id: " + i + "\nevent: kecamatan\ndata: ").getBytes());
      e.writeBytes(json);
      e.writeBytes("\n\n".getBytes());
      events.add(e.toByteArray());
    }
    long identity = events.stream().mapToLong(e -> e.length).sum();
    for (int round = 0; round < 3; round++) { // the last round is printed: the first ones warm the JIT up
      long t0 = System.nanoTime();
      long shared = 0;
      for (byte[] e : events) {
        Deflater d = new Deflater(6, true);
        shared += deflate(d, e);
        d.end();
      }
      long t1 = System.nanoTime();
      long perConnection = 0;
      for (int c = 0; c < connections; c++) {
        Deflater d = new Deflater(6, true);
        for (byte[] e : events) {
          perConnection += deflate(d, e);
        }
        d.end();
      }
      long t2 = System.nanoTime();
      if (round == 2) {
        int n = events.size();
        System.out.printf("%d events of %,d bytes on average, %,d connections%n", n, identity / n, connections);
        System.out.printf("identity                         : %,9d bytes/event/connection%n", identity / n);
        System.out.printf("(b) once per event, shared        : %,9d bytes/event/connection (%.3fx identity); %.2f ms CPU per event in all%n",
            shared / n, (double) shared / identity, (t1 - t0) / 1e6 / n);
        System.out.printf("(a) per connection, SYNC_FLUSH    : %,9d bytes/event/connection (%.3fx identity); %.2f ms CPU per event"
            + " per connection, %.0f ms per event for all; + 256 KiB of zlib state per connection%n",
            perConnection / connections / n, (double) perConnection / connections / identity,
            (t2 - t1) / 1e6 / n / connections, (t2 - t1) / 1e6 / n);
      }
    }
  }

  private static long deflate(Deflater d, byte[] input) {
    d.setInput(input);
    byte[] out = new byte[input.length + 64];
    long total = 0;
    int n;
    do {
      n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
      total += n;
    } while (n == out.length);
    return total;
  }
}
