package id.pantau.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The SSE step's reading of a stream: events counted, each new id noted once with when its bytes came. */
class SseParserTest {
  private static final String STREAM = "retry: 2000\n\n"
      + "id: 7\nevent: kecamatan\ndata: {\"a\":1}\n\n"
      + "id: 7\nevent: air\ndata: {\"b\":[" + "1,".repeat(200) + "2]}\n\n"
      + ": keepalive\n\n"
      + "id: 8\nevent: kecamatan.delta\ndata: {\"base\":\"x\",\"etag\":\"y\",\"patch\":[]}\n\n";

  @Test
  void countsEventsAndNotesEachNewIdOnceWhereverTheBytesAreSplit() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    SseParser parser = new SseParser(false);
    parser.accept(Arrays.copyOfRange(bytes, 0, 20), 100);
    parser.accept(Arrays.copyOfRange(bytes, 20, 300), 200);
    parser.accept(Arrays.copyOfRange(bytes, 300, bytes.length), 300);
    assertEquals(3, parser.events(), "the retry line and the keepalive comment are not events");
    assertEquals(List.of("7@100", "8@300"), arrivals(parser));
  }

  @Test
  void readsAGzipStreamOfSeparatelyDeflatedPiecesAsTheServerSendsIt() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    String[] pieces = STREAM.split("(?<=\n\n)");
    for (String piece : pieces) {
      wire.writeBytes(deflated(piece.getBytes(StandardCharsets.UTF_8)));
    }
    byte[] bytes = wire.toByteArray();
    SseParser parser = new SseParser(true);
    parser.accept(Arrays.copyOfRange(bytes, 0, 4), 1); // within the gzip header
    parser.accept(Arrays.copyOfRange(bytes, 4, bytes.length / 2), 2);
    parser.accept(Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length), 3);
    assertEquals(3, parser.events());
    assertEquals(List.of("7@2", "8@3"), arrivals(parser));
  }

  private static List<String> arrivals(SseParser parser) {
    List<String> seen = new ArrayList<>();
    parser.arrivals((id, at) -> seen.add(id + "@" + at));
    return seen;
  }

  /** Deflated on its own with a sync flush, as the server's DeflatedSegment does. */
  private static byte[] deflated(byte[] input) {
    Deflater d = new Deflater(6, true);
    d.setInput(input);
    byte[] out = new byte[input.length + 64];
    int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
    d.end();
    return Arrays.copyOf(out, n);
  }
}
