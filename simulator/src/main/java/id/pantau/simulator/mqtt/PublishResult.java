package id.pantau.simulator.mqtt;

/**
 * The server's answer to a QoS 1 publish: a reason code (0 = stored) and, with MQTT 5, the
 * reason string the server gave for a refusal.
 */
public record PublishResult(int reasonCode, String reasonString) {
  public boolean accepted() {
    return reasonCode < 0x80;
  }

  /** A short label for reports, e.g. {@code 0x99 payload format invalid}. */
  public String label() {
    return String.format("0x%02X %s", reasonCode, ReasonCodes.name(reasonCode));
  }
}
