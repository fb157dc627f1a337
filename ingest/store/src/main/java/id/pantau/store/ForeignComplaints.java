package id.pantau.store;

import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The events of one write that name another kecamatan's complaints, and the refusal: the first
 * in the form protocol v1 documents, then every foreign complaint id, so the gateway can drop
 * exactly those events and send the rest again.
 */
final class ForeignComplaints {
  private static final int LISTED = 20;

  private final ComplaintWrite write;
  private final Set<String> ids = new LinkedHashSet<>();
  private int first = -1;

  ForeignComplaints(ComplaintWrite write) {
    this.write = write;
  }

  void add(int event) {
    if (first < 0) {
      first = event;
    }
    ids.add(write.batch().events().get(event).complaintId());
  }

  /** Null when every event is the gateway's own kecamatan's. */
  Rejection rejection() {
    if (first < 0) {
      return null;
    }
    String listed = String.join(", ", ids.stream().limit(LISTED).map(id -> "'" + id + "'").toList())
        + (ids.size() > LISTED ? " and " + (ids.size() - LISTED) + " more" : "");
    return new Rejection(RejectReason.NOT_AUTHORIZED, "events[" + first + "].id '"
        + write.batch().events().get(first).complaintId() + "' is a complaint of another kecamatan, not of "
        + write.kecamatan().slug() + "; complaints of other kecamatan in this batch: " + listed
        + ". A gateway reports only its own kecamatan's complaints: drop these events and send the rest again");
  }
}
