package id.pantau.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSE step's table and figures: per-screen rates, CPU over the no-screen window, database work per tick. */
class SseTableTest {
  private static final ServerMeter.Usage IDLE = new ServerMeter.Usage(15, 0.30, 15, 50.0, 10_000, 0, 40.0);

  private static SseStep.Run run(String stream, String encoding, long bytes, double serverCores, double heap) {
    // 1,000 screens for 10 s, 500 of them parsed
    SseScreens.Result client = new SseScreens.Result(stream, encoding, 1000, 0, 0, 10, bytes, 500, 22_500, 0.2, 9000,
        3.0, 40.0, 80.0, 90.0);
    return new SseStep.Run(stream, encoding, client, new ServerMeter.Usage(10, serverCores, 10, 52.0, 10_100, 0, heap));
  }

  @Test
  void aRowGivesRatesPerScreenAndCpuAndHeapOverTheWindowWithNoScreen() {
    SseStep.Run r = run(SseStep.STREAM + SuiteOptions.WALL_QUERY, "gzip", 20_000_000, 0.80, 52.5);
    assertEquals(2_000, r.client().bytesPerScreenPerSecond(), 1e-9);
    assertEquals(4.5, r.client().eventsPerScreenPerSecond(), 1e-9);
    assertEquals(0.5, SseTable.perThousand(r, IDLE), 1e-9);
    String row = SseTable.row(r, IDLE);
    for (String cell : new String[] {"1,000", "subscribed", "gzip", "2,000", "4.50", "3.0", "40.0", "80.0", "0.80c",
        "0.500c", "+12.5", "0.20c", "52.0", "10,100"}) {
      assertTrue(row.contains(cell), cell + " in " + row);
    }
    assertEquals(SseTable.header().length(), row.length(), "columns line up:\n" + SseTable.header() + "\n" + row);
  }

  @Test
  void troubleIsSpelledOutAtTheEndOfTheRow() {
    SseScreens.Result client = new SseScreens.Result(SseStep.STREAM, "identity", 5000, 12, 3, 10, 1, 500, 1, 0.1, 0, 0, 0, 0,
        0);
    String row = SseTable.row(new SseStep.Run(SseStep.STREAM, "identity", client,
        new ServerMeter.Usage(10, 1, 10, 50, 1, 7, 41)), IDLE);
    assertTrue(row.endsWith("12 FAILED 3 CLOSED 7 superseded"), row);
    String idle = SseTable.idle("before", IDLE);
    assertTrue(idle.contains("before") && idle.contains("(15 ticks)"), idle);
  }

  @Test
  void figuresJudgeBytesAgainstWholeViewsAndDatabaseWorkAgainstNoScreen() {
    List<SseStep.Run> runs = List.of(run(SseStep.STREAM + SuiteOptions.WALL_QUERY, "identity", 5_000_000, 0.5, 41),
        run(SseStep.STREAM, "identity", 100_000_000, 0.9, 45));
    List<Figure> figures = SseTable.figures(runs, IDLE);
    assertEquals(10, figures.size());
    Figure bytes = figures.get(0);
    assertEquals("1,000 SSE subscribed identity: bytes/screen/s", bytes.name());
    assertEquals(0.05, bytes.ratio(), 1e-9);
    Figure db = figures.get(4);
    assertEquals("1,000 SSE subscribed identity: DB commits per tick", db.name());
    assertEquals(52.0 / 50.0, db.ratio(), 1e-9);
    assertTrue(figures.get(7).line().contains("0.90 cores vs 0.30 with no screen"), figures.get(7).line());
  }
}
