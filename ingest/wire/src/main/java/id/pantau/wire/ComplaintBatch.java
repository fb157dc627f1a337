package id.pantau.wire;

import java.util.List;

/** A decoded complaint event batch. */
public record ComplaintBatch(BatchId id, List<ComplaintEvent> events) {
  public ComplaintBatch {
    events = List.copyOf(events);
  }

  public int size() {
    return events.size();
  }
}
