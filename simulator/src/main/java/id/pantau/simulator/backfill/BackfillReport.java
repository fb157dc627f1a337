package id.pantau.simulator.backfill;

import java.time.Instant;
import java.util.Locale;

/** What a backfill wrote, and how fast. */
public record BackfillReport(Instant from, Instant to, long rollupRows, long complaints, long complaintEvents,
                             long alerts, long instructions, long deliveries, double rollupSeconds, double seconds) {
  public long rows() {
    return rollupRows + complaints + complaintEvents + alerts + instructions + deliveries;
  }

  public String render() {
    return String.format(Locale.ROOT, """
        backfilled %s to %s in %s (%,.0f rows/s)
          rollup_1m        %,13d rows in %s (%,.0f rows/s)
          complaint        %,13d
          complaint_event  %,13d
          alert            %,13d
          downlink_message %,13d instructions, %,d deliveries
        """, from, to, BackfillProgress.duration(seconds), rows() / Math.max(seconds, 1e-3), rollupRows,
        BackfillProgress.duration(rollupSeconds), rollupRows / Math.max(rollupSeconds, 1e-3), complaints,
        complaintEvents, alerts, instructions, deliveries);
  }
}
