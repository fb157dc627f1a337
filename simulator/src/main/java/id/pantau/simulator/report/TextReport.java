package id.pantau.simulator.report;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.model.FaultSummary;
import java.util.List;
import java.util.Map;

/** The run's result as text for the terminal and for pasting into a ticket. */
public final class TextReport {
  private TextReport() {
  }

  public static String render(RunResult r) {
    StringBuilder b = new StringBuilder();
    b.append("Pantau simulator report\n");
    b.append("  command      ").append(r.command()).append('\n');
    b.append("  scenario     ").append(r.scenario()).append(", seed ").append(r.seed()).append('\n');
    b.append("  target       ").append(r.target()).append(", MQTT ").append(r.mqttVersion()).append('\n');
    b.append(String.format("  city         %,d connections, %,d sensors%n", r.gateways(), r.sensors()));
    b.append(r.targetMessagesPerSecond() > 0
        ? String.format("  offered      %,.0f messages/s of %d readings (%,.0f readings/s) for %.0f s%n",
            r.targetMessagesPerSecond(), r.readingsPerMessage(), r.targetMessagesPerSecond() * r.readingsPerMessage(),
            r.durationSeconds())
        : String.format("  offered      the scenario's natural pacing for %.0f s%n", r.durationSeconds()));
    b.append(String.format("  sent         %,d messages (%,.1f/s), %,d readings; %,d redelivered after reconnects%n",
        r.sentMessages(), r.sentMessages() / r.durationSeconds(), r.sentReadings(), r.redeliveredMessages()));
    b.append(String.format("  acknowledged %,d messages, %,d readings (%,.0f readings/s); %,d complaint events%n",
        r.ackedMessages(), r.ackedReadings(), r.ackedReadingsPerSecond(), r.complaintEventsAcked()));
    b.append(String.format("  behind       %,d of %,d scheduled sends left late (worst %.1f ms)%n",
        r.lateSends(), r.scheduledMessages(), r.maxLatenessMillis()));
    b.append(String.format("  latency      from intended send to PUBACK: p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f ms (%,d samples)%n",
        r.percentileMillis(50), r.percentileMillis(90), r.percentileMillis(99), r.percentileMillis(99.9),
        r.latencyNanos().getTotalCount() == 0 ? 0 : r.latencyNanos().getMaxValue() / 1e6, r.latencyNanos().getTotalCount()));
    b.append(String.format("  connections  %,d reconnects; %,d downlink messages received%n", r.reconnects(), r.downlinkMessages()));
    b.append(String.format("  errors       %,d rejected messages, %,d batches unacknowledged at the end%n",
        r.rejectedMessages(), r.unacknowledgedAtEnd()));
    list(b, "    rejected ", r.rejections());
    list(b, "    connection ", r.connectionErrors());
    RunResult.Verification v = r.verification();
    faults(b, r.faults(), v == null ? null : v.flags());
    if (v != null) {
      b.append(String.format("  verification %s against %s%n", v.passed() ? "PASSED" : "FAILED", v.against()));
      b.append(String.format("    %,d acknowledged readings, %,d stored; missing %,d, duplicated %,d,"
              + " extra %,d (sent, PUBACK not received) + %,d (never sent)%n",
          v.acknowledgedReadings(), v.storedReadings(), v.missing(), v.duplicated(), v.extraSentUnacknowledged(),
          v.extraUnknown()));
      v.missingExamples().forEach(e -> b.append("    missing    ").append(e).append('\n'));
      v.duplicatedExamples().forEach(e -> b.append("    duplicated ").append(e).append('\n'));
      v.extraExamples().forEach(e -> b.append("    extra      ").append(e).append('\n'));
      RunResult.FlagVerification f = v.flags();
      b.append(String.format("    quality flags: %,d readings sent implausible on purpose, %,d stored flagged as meant;"
          + " %,d flagged though sent plausible, %,d meant implausible but stored unflagged%n",
          f.meant(), f.flaggedAsMeant(), f.flaggedNotMeant(), f.meantNotFlagged()));
      f.examples().forEach(e -> b.append("    flag       ").append(e).append('\n'));
      if (f.flaggedNotMeant() + f.meantNotFlagged() > 0) {
        b.append("    (a reading is implausible outside the scenario's plausibility, riverGauges[].rangeCm or the"
            + " metric catalogue: do they mirror the server's city file?)\n");
      }
    }
    return b.toString();
  }

  private static void faults(StringBuilder b, List<FaultSummary> faults, RunResult.FlagVerification flags) {
    for (FaultSummary f : faults) {
      b.append("  fault        ").append(f.description()).append(": ");
      if (!f.happened()) {
        b.append("never applied (the run ended before its window, or its target sent nothing in it)\n");
        continue;
      }
      b.append(String.format("%,d readings changed, %,d withheld, %,d sent implausible on purpose",
          f.changed(), f.withheld(), f.implausible()));
      if (flags != null && f.number() <= flags.faults().size()) {
        RunResult.FaultCheck c = flags.faults().get(f.number() - 1);
        b.append(String.format("; of the changed, %,d acknowledged, %,d stored, %,d flagged", c.acknowledged(), c.stored(),
            c.flagged()));
      }
      b.append(f.detail().isEmpty() ? "" : "; " + f.detail()).append('\n');
    }
  }

  private static void list(StringBuilder b, String prefix, Map<String, Long> counts) {
    counts.forEach((k, n) -> b.append(prefix).append(String.format("%,d x ", n)).append(k).append('\n'));
  }
}
