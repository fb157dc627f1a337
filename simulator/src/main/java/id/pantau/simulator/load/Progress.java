package id.pantau.simulator.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Once a second: takes the latency recorded since the last tick, adds it to the run's total,
 * keeps a sample for the report's charts, and prints the progress line.
 */
public final class Progress {
  private final RunCounters counters;
  private final Recorder recorder;
  private final Histogram total = new Histogram(3_600_000_000_000L, 3);
  private final List<IntervalSample> timeline = new ArrayList<>();
  private final long startNanos;
  private final PrintStream out;
  private final boolean quiet;
  private final boolean terminal = System.console() != null;
  private Histogram interval;
  private long lastSent;
  private long lastAcked;
  private long lastReadings;

  public Progress(RunCounters counters, Recorder recorder, long startNanos, PrintStream out, boolean quiet) {
    this.counters = counters;
    this.recorder = recorder;
    this.startNanos = startNanos;
    this.out = out;
    this.quiet = quiet;
  }

  public synchronized void tick() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long sent = counters.sentMessages.sum();
    long acked = counters.ackedMessages.sum();
    long readings = counters.ackedReadings.sum();
    IntervalSample s = new IntervalSample(seconds, sent - lastSent, acked - lastAcked, readings - lastReadings,
        millis(interval, 50), millis(interval, 99), interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / 1e6,
        counters.errors(), counters.connected.get());
    lastSent = sent;
    lastAcked = acked;
    lastReadings = readings;
    timeline.add(s);
    if (!quiet) {
      String line = String.format("[%5.0fs] sent %,d  acked %,d (%,d msg/s, %,d readings/s)  p99 %.1f ms  late %,d"
              + "  errors %,d  connected %,d  redelivered %,d",
          seconds, sent, acked, s.ackedMessages(), s.ackedReadings(), s.p99Millis(), counters.lateSends.sum(),
          s.errors(), s.connected(), counters.redeliveredMessages.sum());
      if (terminal) {
        out.print("\r" + line + "   ");
      } else {
        out.println(line);
      }
      out.flush();
    }
  }

  public synchronized void end() {
    tick();
    if (terminal && !quiet) {
      out.println();
    }
  }

  public synchronized Histogram total() {
    return total.copy();
  }

  public synchronized List<IntervalSample> timeline() {
    return List.copyOf(timeline);
  }

  private static double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
  }
}
