package id.pantau.dashboard.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of the scheduled read-side work that are failing now, per city: a snapshot view
 * ({@code view:flood}), an alert rule ({@code rule:threshold}), a city's alert bookkeeping
 * ({@code alerts}). A failure is logged once when its streak starts and once when it ends, not
 * on every tick; every failed attempt is counted ({@code pantau_readside_failures_total} when a
 * meter registry is at hand); the current ones are shown in {@code /api/v1/health}.
 */
public final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);
  private static final int MAX_ERROR_CHARS = 300;

  /**
   * @param since when this streak of failures started
   * @param error the latest attempt's error
   * @param attempts failed attempts in this streak
   */
  public record Failure(String city, String part, Instant since, String error, long attempts) {
  }

  private final Map<String, Failure> current = new ConcurrentHashMap<>();
  private final Clock clock;
  private final MeterRegistry registry;

  /** @param registry where failed attempts are counted, or null */
  public Failures(Clock clock, MeterRegistry registry) {
    this.clock = clock;
    this.registry = registry;
  }

  /** Records a failed attempt of one part of one city's work. */
  public void failed(String city, String part, Throwable error) {
    String text = describe(error);
    Failure before = current.get(city + "|" + part);
    if (before == null) {
      log.warn("read-side part failing city={} part={} error={}", city, part, text);
      current.put(city + "|" + part, new Failure(city, part, clock.instant(), text, 1));
    } else {
      current.put(city + "|" + part, new Failure(city, part, before.since(), text, before.attempts() + 1));
    }
    if (registry != null) {
      Counter.builder("pantau_readside_failures_total").description("failed attempts of a view, alert rule or a "
          + "city's alert bookkeeping (tag part)").tag("part", part).register(registry).increment();
    }
  }

  /** Records a successful attempt: ends the part's failure streak, if any. */
  public void succeeded(String city, String part) {
    Failure ended = current.remove(city + "|" + part);
    if (ended != null) {
      log.info("read-side part recovered city={} part={} failedSince={} attempts={}", city, part, ended.since(),
          ended.attempts());
    }
  }

  /** The failing parts now, by city and part. */
  public List<Failure> current() {
    return current.values().stream().sorted(Comparator.comparing(Failure::city).thenComparing(Failure::part)).toList();
  }

  private static String describe(Throwable e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
        + e.getMessage();
    return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 3) + "...";
  }
}
