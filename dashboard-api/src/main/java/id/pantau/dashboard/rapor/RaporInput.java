package id.pantau.dashboard.rapor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a rapor is computed from: complaint timelines, alert history and instructions, as stored.
 * Never raw readings.
 */
public record RaporInput(List<Complaint> complaints, List<Alert> alerts, List<Instruction> instructions) {
  public RaporInput {
    complaints = List.copyOf(complaints);
    alerts = List.copyOf(alerts);
    instructions = List.copyOf(instructions);
  }

  /** One lifecycle event of a complaint ({@code created}, {@code dispatched}, ... {@code reopened}). */
  public record Event(String event, Instant ts) {
  }

  /**
   * A complaint and every event its own kecamatan sent, in any order (as they arrived).
   *
   * @param kecamatan the slug of the kecamatan that created it
   */
  public record Complaint(String id, String kecamatan, String category, List<Event> events) {
    /** Lifecycle order, to break ties between events with the same ts, as the store does: reopened wins. */
    private static final List<String> ORDER = List.of("created", "dispatched", "in_progress", "resolved", "closed",
        "rejected", "reopened");
    static final Comparator<Event> BY_TIME = Comparator.comparing(Event::ts)
        .thenComparingInt(e -> ORDER.indexOf(e.event()));

    public Complaint {
      events = events.stream().sorted(BY_TIME).toList();
    }
  }

  /** @param kecamatan slug, or null for an alert about the city as a whole */
  public record Alert(long id, String kecamatan, String rule, Instant openedAt, Instant acknowledgedAt,
                      Instant clearedAt) {
  }

  /** @param deliveredAt the first PUBACK from one of the kecamatan's gateways, or null */
  public record Instruction(long id, String kecamatan, Instant sentAt, Instant deliveredAt) {
  }
}
