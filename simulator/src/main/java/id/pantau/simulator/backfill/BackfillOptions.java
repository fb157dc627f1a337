package id.pantau.simulator.backfill;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@code --backfill} was asked: how far back, into which database, with which seed.
 *
 * @param end where the history stops; null for where the city's data begins (else now)
 */
public record BackfillOptions(Duration span, String databaseUrl, String user, String password, Instant end, long seed,
                              String scenario, boolean quiet) {
  public BackfillOptions {
    if (span.compareTo(Duration.ofMinutes(1)) < 0 || span.compareTo(Duration.ofDays(3660)) > 0) {
      throw new IllegalArgumentException("--backfill must be from 1m to 3660d, is " + span);
    }
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new IllegalArgumentException("--backfill needs --database-url (the server's embedded database's URL is in"
          + " its start-up log: embedded PostgreSQL at jdbc:postgresql://localhost:PORT/postgres)");
    }
  }
}
