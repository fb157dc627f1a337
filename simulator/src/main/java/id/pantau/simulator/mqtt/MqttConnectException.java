package id.pantau.simulator.mqtt;

/** A connection that could not be made, with the reason in words an operator can act on. */
public final class MqttConnectException extends Exception {
  private final boolean credentials;

  public MqttConnectException(String message, boolean credentials) {
    super(message);
    this.credentials = credentials;
  }

  /** True when the server refused the gateway's id or secret: retrying will not help. */
  public boolean credentials() {
    return credentials;
  }
}
