package id.pantau.ingest.mqtt;

/** A CONNECT that is refused, with the refusal to answer it with. */
final class AuthenticationException extends Exception {
  private final MqttReasons.ConnectRefusal refusal;

  AuthenticationException(MqttReasons.ConnectRefusal refusal, String message) {
    super(message, null, false, false);
    this.refusal = refusal;
  }

  MqttReasons.ConnectRefusal refusal() {
    return refusal;
  }
}
