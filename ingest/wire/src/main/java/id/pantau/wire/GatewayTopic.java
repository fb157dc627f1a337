package id.pantau.wire;

import java.util.regex.Pattern;

/**
 * A protocol v1 topic: {@code pantau/v1/{city}/{kec}/{kind}}. Parsing never throws for bad
 * input; it answers null so the caller can refuse with a specific reason.
 */
public record GatewayTopic(String city, String kecamatan, Kind kind) {

  public static final String PREFIX = "pantau/v1/";
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

  /** The last topic level, and which way messages on it travel. */
  public enum Kind {
    TELEMETRY("telemetry", true),
    COMPLAINTS("complaints", true),
    STATUS("status", true),
    ALERTS("alerts", false),
    ERRORS("errors", false);

    private final String level;
    private final boolean fromGateway;

    Kind(String level, boolean fromGateway) {
      this.level = level;
      this.fromGateway = fromGateway;
    }

    public String level() {
      return level;
    }

    /** True for gateway-to-server topics, false for the server's downlink topics. */
    public boolean fromGateway() {
      return fromGateway;
    }

    static Kind byLevel(String level) {
      for (Kind k : values()) {
        if (k.level.equals(level)) {
          return k;
        }
      }
      return null;
    }
  }

  public GatewayTopic {
    if (!isSlug(city) || !isSlug(kecamatan) || kind == null) {
      throw new IllegalArgumentException("not a valid topic: city=" + city + " kecamatan=" + kecamatan);
    }
  }

  public static GatewayTopic of(String city, String kecamatan, Kind kind) {
    return new GatewayTopic(city, kecamatan, kind);
  }

  /** @return the topic, or null when the name is not a protocol v1 topic */
  public static GatewayTopic parse(String topic) {
    if (topic == null || topic.length() > 256 || !topic.startsWith(PREFIX)) {
      return null;
    }
    String[] levels = topic.substring(PREFIX.length()).split("/", -1);
    if (levels.length != 3 || !isSlug(levels[0]) || !isSlug(levels[1])) {
      return null;
    }
    Kind kind = Kind.byLevel(levels[2]);
    return kind == null ? null : new GatewayTopic(levels[0], levels[1], kind);
  }

  /** Slugs are lower-case ASCII letters, digits and '-', 1 to 64 characters. */
  public static boolean isSlug(String s) {
    return s != null && SLUG.matcher(s).matches();
  }

  public String name() {
    return PREFIX + city + "/" + kecamatan + "/" + kind.level;
  }

  @Override
  public String toString() {
    return name();
  }
}
