package id.pantau.simulator.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people type them on a command line: {@code 90} (seconds), {@code 90s},
 * {@code 500ms}, {@code 5m}, {@code 1h}, {@code 365d}, {@code 1.5s}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)?");

  @Override
  public Duration convert(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new TypeConversionException("must be a duration like 90s, 500ms, 5m, 1h or 365d, is '" + text + "'");
    }
    double nanosPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
      case "ms" -> 1e6;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      case "d" -> 86_400e9;
      default -> 1e9;
    };
    double nanos = Double.parseDouble(m.group(1)) * nanosPerUnit;
    if (nanos > Long.MAX_VALUE) {
      throw new TypeConversionException("is longer than this program can count, is '" + text + "'");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  /** The duration in (fractional) seconds, as the simulator's options count. */
  public static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
