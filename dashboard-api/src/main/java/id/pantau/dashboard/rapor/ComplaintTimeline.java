package id.pantau.dashboard.rapor;

import java.time.Instant;
import java.util.List;

/**
 * A complaint's state at any moment, replayed from its events ordered by ts the way the
 * complaint store computes the current state: late and out-of-order events land where their ts
 * puts them, and a reopening undoes the resolution before it.
 */
final class ComplaintTimeline {
  private static final byte CREATED = 0;
  private static final byte PROGRESS = 1;
  private static final byte RESOLUTION = 2;
  private static final byte REOPENED = 3;
  private final String id;
  private final String kecamatan;
  private final String category;
  private final Instant[] ts;
  private final byte[] kinds;
  private final Instant createdAt;
  private final Instant resolvedAt;

  /** The events after {@code asOf} are left out: the rapor says what was known then. */
  ComplaintTimeline(RaporInput.Complaint complaint, Instant asOf) {
    this.id = complaint.id();
    this.kecamatan = complaint.kecamatan();
    this.category = complaint.category();
    List<RaporInput.Event> known = complaint.events().stream().filter(e -> !e.ts().isAfter(asOf)).toList();
    ts = new Instant[known.size()];
    kinds = new byte[known.size()];
    Instant created = null;
    for (int i = 0; i < ts.length; i++) {
      ts[i] = known.get(i).ts();
      kinds[i] = kind(known.get(i).event());
      if (kinds[i] == CREATED && created == null) {
        created = ts[i];
      }
    }
    this.createdAt = created;
    this.resolvedAt = resolvedBefore(Instant.MAX);
  }

  private static byte kind(String event) {
    return switch (event) {
      case "created" -> CREATED;
      case "resolved", "closed", "rejected" -> RESOLUTION;
      case "reopened" -> REOPENED;
      default -> PROGRESS;
    };
  }

  /** Null when its {@code created} event is not (yet) known: such a complaint is not on the books. */
  Instant createdAt() {
    return createdAt;
  }

  String id() {
    return id;
  }

  String kecamatan() {
    return kecamatan;
  }

  String category() {
    return category;
  }

  /** When it first moved on from {@code created} (dispatched, in progress, resolved, closed or rejected), or null. */
  Instant verifiedAt() {
    for (int i = 0; i < ts.length; i++) {
      if (kinds[i] == PROGRESS || kinds[i] == RESOLUTION) {
        return ts[i].isBefore(createdAt) ? createdAt : ts[i];
      }
    }
    return null;
  }

  /**
   * When it was resolved as of its events before {@code t}: the first resolution after the last
   * reopening, when the latest event is a resolution; null while it is open.
   */
  private Instant resolvedBefore(Instant t) {
    int latest = -1;
    Instant resolution = null;
    for (int i = 0; i < ts.length && ts[i].isBefore(t); i++) {
      latest = i;
      if (kinds[i] == REOPENED) {
        resolution = null;
      } else if (kinds[i] == RESOLUTION && resolution == null) {
        resolution = ts[i];
      }
    }
    return latest >= 0 && kinds[latest] == RESOLUTION ? resolution : null;
  }

  /** Its current resolution (as of every known event), or null while open. */
  Instant resolvedAt() {
    return resolvedAt;
  }

  /** On the books and not resolved at instant {@code t}. */
  boolean openAt(Instant t) {
    if (createdAt == null || !createdAt.isBefore(t)) {
      return false;
    }
    if (ts[ts.length - 1].isBefore(t)) {
      return resolvedAt == null; // every event is before t: its state then is its state now
    }
    return resolvedBefore(t) == null;
  }
}
