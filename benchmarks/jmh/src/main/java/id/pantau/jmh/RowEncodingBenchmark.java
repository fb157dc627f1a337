package id.pantau.jmh;

import id.pantau.store.ReadingRows;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Building the binary COPY buffer for a batch's rows: the writer's CPU cost per flush. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RowEncodingBenchmark {
  @Param({"100", "1000"})
  public int rows;

  @Benchmark
  public byte[] encodeRows() {
    ReadingRows r = new ReadingRows(rows);
    long ts = 1_763_805_600_000L;
    for (int i = 0; i < rows; i++) {
      r.add(ts + i, 1000 + i % 40, (short) (1 + i % 6), 20 + i % 50 + 0.5);
    }
    return r.finish();
  }
}
