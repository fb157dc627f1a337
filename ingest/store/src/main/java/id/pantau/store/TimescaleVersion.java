package id.pantau.store;

/**
 * A TimescaleDB extension version ({@code major.minor.patch}, as in {@code pg_extension}).
 * Pantau needs {@link #OLDEST_SUPPORTED} or newer: readings a gateway delivers after a long
 * outage go into chunks already compressed, which older releases refused or handled by
 * decompressing whole chunks.
 */
public record TimescaleVersion(int major, int minor, int patch) implements Comparable<TimescaleVersion> {
  public static final TimescaleVersion OLDEST_SUPPORTED = new TimescaleVersion(2, 11, 0);
  /** The release the test suite runs against (.ci/run). */
  public static final TimescaleVersion TESTED = new TimescaleVersion(2, 28, 3);

  /** Parses {@code 2.28.3}, {@code 2.11.0-dev} or {@code 2.9}; anything else is a programming error. */
  public static TimescaleVersion parse(String text) {
    String[] parts = text.strip().split("[.-]");
    try {
      return new TimescaleVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          parts.length > 2 && parts[2].matches("\\d+") ? Integer.parseInt(parts[2]) : 0);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a TimescaleDB version: '" + text + "'", e);
    }
  }

  public boolean supported() {
    return compareTo(OLDEST_SUPPORTED) >= 0;
  }

  @Override
  public int compareTo(TimescaleVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
