package id.pantau.simulator.load;

import id.pantau.simulator.model.FaultSummary;
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
    Verification verification,
    List<FaultSummary> faults) {

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
      List<String> extraExamples,
      FlagVerification flags) {
    public boolean passed() {
      return missing == 0 && duplicated == 0 && extraUnknown == 0 && flags.passed();
    }
  }

  /**
   * The server's quality flag against the run's intent: readings sent implausible on purpose
   * (by a scripted fault) must be stored flagged, every other reading unflagged.
   *
   * @param meant acknowledged readings a fault sent outside their plausible range on purpose
   * @param flaggedAsMeant of the stored readings, those meant implausible and flagged
   * @param flaggedNotMeant stored flagged, though sent as plausible
   * @param meantNotFlagged sent implausible on purpose, stored without a flag
   * @param faults per scripted fault, what became of the readings it changed
   */
  public record FlagVerification(long meant, long flaggedAsMeant, long flaggedNotMeant, long meantNotFlagged,
      List<String> examples, List<FaultCheck> faults) {
    public boolean passed() {
      return flaggedNotMeant == 0 && meantNotFlagged == 0;
    }
  }

  /** Of the readings one fault changed: how many were acknowledged, stored, and stored flagged. */
  public record FaultCheck(int number, long acknowledged, long stored, long flagged) {
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
