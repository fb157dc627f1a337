package id.pantau.ingest.mqtt;

/** A CONNECT that is refused, with the refusal to answer it with. */
final class AuthenticationException extends Exception {
  static final String UNKNOWN_GATEWAY = "unknown gateway";

  private final MqttReasons.ConnectRefusal refusal;

  AuthenticationException(MqttReasons.ConnectRefusal refusal, String message) {
    super(message, null, false, false);
    this.refusal = refusal;
  }

  /** True when no such gateway exists: the pattern of a scan, counted against the address too. */
  boolean unknownGateway() {
    return UNKNOWN_GATEWAY.equals(getMessage());
  }

  MqttReasons.ConnectRefusal refusal() {
    return refusal;
  }
}
