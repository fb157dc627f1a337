package id.pantau.simulator.mqtt;

/** Names of the MQTT reason and return codes a gateway meets, for messages people read. */
public final class ReasonCodes {
  private ReasonCodes() {
  }

  public static String name(int code) {
    return switch (code) {
      case 0x00 -> "success";
      case 0x10 -> "no matching subscribers";
      case 0x80 -> "unspecified error";
      case 0x81 -> "malformed packet";
      case 0x83 -> "implementation specific error";
      case 0x84 -> "unsupported protocol version";
      case 0x85 -> "client identifier not valid";
      case 0x86 -> "bad user name or password";
      case 0x87 -> "not authorized";
      case 0x88 -> "server unavailable";
      case 0x89 -> "server busy";
      case 0x8E -> "session taken over";
      case 0x90 -> "topic name invalid";
      case 0x93 -> "receive maximum exceeded";
      case 0x95 -> "packet too large";
      case 0x97 -> "quota exceeded";
      case 0x99 -> "payload format invalid";
      default -> "reason code " + code;
    };
  }

  /** MQTT 3.1.1 CONNACK return codes, mapped to what they mean to an operator. */
  public static String connackV3(int code) {
    return switch (code) {
      case 0 -> "accepted";
      case 1 -> "unacceptable protocol version";
      case 2 -> "client identifier rejected";
      case 3 -> "server unavailable";
      case 4 -> "bad user name or password";
      case 5 -> "not authorized";
      default -> "return code " + code;
    };
  }
}
