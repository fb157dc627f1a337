package id.pantau.wire;

/** Thrown by the decoders; carries the rejection that the server acknowledges with. */
public final class RejectedException extends Exception {
  private final transient Rejection rejection;

  public RejectedException(Rejection rejection) {
    super(rejection.toString(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
