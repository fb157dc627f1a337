package id.pantau.wire;

/**
 * Why a message was refused, in the protocol's terms. The numeric codes are MQTT 5 reason
 * codes; the server maps them onto PUBACK/PUBREC in one place, and MQTT 3.1.1 clients get
 * them on their {@code errors} topic.
 */
public enum RejectReason {
  /** Not JSON, a missing or mistyped field, an unknown metric, a bad timestamp. */
  PAYLOAD_FORMAT_INVALID(0x99, "payload_format_invalid"),
  /** The topic or the payload names a gateway, city or kecamatan the connection is not bound to. */
  NOT_AUTHORIZED(0x87, "not_authorized"),
  /** Too many readings or events in one batch. */
  QUOTA_EXCEEDED(0x97, "quota_exceeded"),
  /** The payload is larger than the protocol's 1 MiB. */
  PACKET_TOO_LARGE(0x95, "packet_too_large"),
  /** The topic is not one of protocol v1's. */
  TOPIC_NAME_INVALID(0x90, "topic_name_invalid"),
  /** The server could not store a well-formed batch (the database refused its values). */
  IMPLEMENTATION_SPECIFIC_ERROR(0x83, "implementation_specific_error");

  private final int code;
  private final String label;

  RejectReason(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The MQTT 5 reason code. */
  public int code() {
    return code;
  }

  /** A stable snake_case name for logs, metrics and the errors topic. */
  public String label() {
    return label;
  }
}
