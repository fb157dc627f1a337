package id.pantau.wire;

/**
 * A protocol v1 topic: {@code pantau/v1/{city}/{kec}/{kind}}. Parsing never throws for bad
 * input; it answers null so the caller can refuse with a specific reason.
 */
public record GatewayTopic(String city, String kecamatan, Kind kind) {

  public static final String PREFIX = "pantau/v1/";
  private static final int MAX_SLUG = 64;

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

    private static final Kind[] ALL = values(); // values() copies the array on each call

    static Kind byLevel(String topic, int from, int to) {
      for (Kind k : ALL) {
        if (k.level.length() == to - from && topic.startsWith(k.level, from)) {
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

  /**
   * The one place a topic name is put together: {@code pantau/v1/{city}/{kec}/{kind}}.
   *
   * @throws IllegalArgumentException when the city or kecamatan is not a slug
   */
  public static String name(String city, String kecamatan, Kind kind) {
    return of(city, kecamatan, kind).name();
  }

  /**
   * @return the topic, or null when the name is not a protocol v1 topic. Runs on every message,
   * so it scans the name once instead of splitting it and matching each level by a pattern.
   */
  public static GatewayTopic parse(String topic) {
    if (topic == null || topic.length() > 256 || !topic.startsWith(PREFIX)) {
      return null;
    }
    int cityEnd = topic.indexOf('/', PREFIX.length());
    int kecamatanEnd = cityEnd < 0 ? -1 : topic.indexOf('/', cityEnd + 1);
    if (kecamatanEnd < 0 || topic.indexOf('/', kecamatanEnd + 1) >= 0
        || !isSlug(topic, PREFIX.length(), cityEnd) || !isSlug(topic, cityEnd + 1, kecamatanEnd)) {
      return null;
    }
    Kind kind = Kind.byLevel(topic, kecamatanEnd + 1, topic.length());
    return kind == null ? null
        : new GatewayTopic(topic.substring(PREFIX.length(), cityEnd), topic.substring(cityEnd + 1, kecamatanEnd), kind);
  }

  /** Slugs are lower-case ASCII letters, digits and '-' (not first or last), 1 to 64 characters. */
  public static boolean isSlug(String s) {
    return s != null && isSlug(s, 0, s.length());
  }

  private static boolean isSlug(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_SLUG || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public String name() {
    return PREFIX + city + "/" + kecamatan + "/" + kind.level;
  }

  @Override
  public String toString() {
    return name();
  }
}
