package id.pantau.wire;

/**
 * One complaint lifecycle event. Only {@code created} carries the complaint's attributes;
 * the other events carry its id, the event and its time. Absent optional fields are null.
 */
public record ComplaintEvent(
    String complaintId,
    Lifecycle event,
    long ts,
    String category,
    String kelurahan,
    Double lat,
    Double lon,
    String channel,
    String priority,
    String text) {

  /** The events of protocol v1, in the order that breaks ties between events with the same ts. */
  public enum Lifecycle {
    CREATED("created"),
    DISPATCHED("dispatched"),
    IN_PROGRESS("in_progress"),
    RESOLVED("resolved"),
    CLOSED("closed"),
    REJECTED("rejected"),
    REOPENED("reopened");

    private final String wireName;

    Lifecycle(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** True for the events after which a complaint counts as no longer open. */
    public boolean ends() {
      return this == RESOLVED || this == CLOSED || this == REJECTED;
    }

    public static Lifecycle byWireName(String name) {
      for (Lifecycle l : values()) {
        if (l.wireName.equals(name)) {
          return l;
        }
      }
      return null;
    }
  }
}
