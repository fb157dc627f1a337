package id.pantau.dashboard.rapor;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A complaint's state at any moment, replayed from its events ordered by ts the way the
 * complaint store computes the current state: late and out-of-order events land where their ts
 * puts them, and a reopening undoes the resolution before it.
 */
final class ComplaintTimeline {
  private static final Set<String> RESOLUTIONS = Set.of("resolved", "closed", "rejected");
  private final RaporInput.Complaint complaint;
  private final Instant createdAt;

  /** The events after {@code asOf} are left out: the rapor says what was known then. */
  ComplaintTimeline(RaporInput.Complaint complaint, Instant asOf) {
    List<RaporInput.Event> known = complaint.events().stream().filter(e -> !e.ts().isAfter(asOf)).toList();
    this.complaint = new RaporInput.Complaint(complaint.id(), complaint.kecamatan(), complaint.category(), known);
    this.createdAt = known.stream().filter(e -> e.event().equals("created")).map(RaporInput.Event::ts)
        .findFirst().orElse(null);
  }

  /** Null when its {@code created} event is not (yet) known: such a complaint is not on the books. */
  Instant createdAt() {
    return createdAt;
  }

  String id() {
    return complaint.id();
  }

  String kecamatan() {
    return complaint.kecamatan();
  }

  String category() {
    return complaint.category();
  }

  /** When it first moved on from {@code created} (dispatched, in progress, resolved, closed or rejected), or null. */
  Instant verifiedAt() {
    return complaint.events().stream().filter(e -> !e.event().equals("created") && !e.event().equals("reopened"))
        .map(RaporInput.Event::ts).map(t -> t.isBefore(createdAt) ? createdAt : t).findFirst().orElse(null);
  }

  /**
   * When it was resolved as of its events before {@code t}: the first resolution after the last
   * reopening, when the latest event is a resolution; null while it is open.
   */
  Instant resolvedBefore(Instant t) {
    RaporInput.Event latest = null;
    Instant resolution = null;
    for (RaporInput.Event e : complaint.events()) {
      if (!e.ts().isBefore(t)) {
        break;
      }
      latest = e;
      if (e.event().equals("reopened")) {
        resolution = null;
      } else if (RESOLUTIONS.contains(e.event()) && resolution == null) {
        resolution = e.ts();
      }
    }
    return latest != null && RESOLUTIONS.contains(latest.event()) ? resolution : null;
  }

  /** Its current resolution (as of every known event), or null while open. */
  Instant resolvedAt() {
    return resolvedBefore(Instant.MAX);
  }

  /** On the books and not resolved at instant {@code t}. */
  boolean openAt(Instant t) {
    return createdAt != null && createdAt.isBefore(t) && resolvedBefore(t) == null;
  }
}
