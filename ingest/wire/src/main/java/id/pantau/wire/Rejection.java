package id.pantau.wire;

/** A refused message: the reason code and a human-readable detail naming what is wrong. */
public record Rejection(RejectReason reason, String detail) {

  public Rejection {
    if (reason == null || detail == null || detail.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a reason and a detail");
    }
  }

  public static Rejection invalid(String detail) {
    return new Rejection(RejectReason.PAYLOAD_FORMAT_INVALID, detail);
  }

  @Override
  public String toString() {
    return reason.label() + ": " + detail;
  }
}
