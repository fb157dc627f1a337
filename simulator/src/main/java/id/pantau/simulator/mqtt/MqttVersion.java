package id.pantau.simulator.mqtt;

/** The two MQTT versions protocol v1 allows, by their CONNECT protocol level. */
public enum MqttVersion {
  V3_1_1(4, "3.1.1"),
  V5(5, "5");

  private final int level;
  private final String label;

  MqttVersion(int level, String label) {
    this.level = level;
    this.label = label;
  }

  public int level() {
    return level;
  }

  public String label() {
    return label;
  }

  /** @return the version for "3.1.1", "3", "5" (as typed on a command line), or null */
  public static MqttVersion parse(String text) {
    return switch (text) {
      case "3.1.1", "3", "311" -> V3_1_1;
      case "5", "5.0" -> V5;
      default -> null;
    };
  }
}
