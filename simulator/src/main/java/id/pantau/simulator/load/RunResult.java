package id.pantau.simulator.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything a finished run measured, for the text, JSON and HTML reports. */
public record RunResult(
    String command,
    String scenario,
    String target,
    String mqttVersion,
    long seed,
    int gateways,
    int sensors,
    double targetMessagesPerSecond,
    int readingsPerMessage,
    double durationSeconds,
    double elapsedSeconds,
    long scheduledMessages,
    long sentMessages,
    long sentReadings,
    long ackedMessages,
    long ackedReadings,
    long redeliveredMessages,
    long rejectedMessages,
    long complaintEventsAcked,
    long lateSends,
    double maxLatenessMillis,
    long reconnects,
    long downlinkMessages,
    long unacknowledgedAtEnd,
    Map<String, Long> rejections,
    Map<String, Long> connectionErrors,
    Histogram latencyNanos,
    List<IntervalSample> timeline,
    Verification verification) {

  /** Result of comparing acknowledged readings with what the server stored; null when not verified. */
  public record Verification(
      String against,
      long acknowledgedReadings,
      long storedReadings,
      long missing,
      long duplicated,
      long extraSentUnacknowledged,
      long extraUnknown,
      List<String> missingExamples,
      List<String> duplicatedExamples,
      List<String> extraExamples) {
    public boolean passed() {
      return missing == 0 && duplicated == 0 && extraUnknown == 0;
    }
  }

  public double ackedMessagesPerSecond() {
    return ackedMessages / Math.max(1e-9, elapsedSeconds);
  }

  public double ackedReadingsPerSecond() {
    return ackedReadings / Math.max(1e-9, elapsedSeconds);
  }

  public double percentileMillis(double p) {
    return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(p) / 1e6;
  }
}
