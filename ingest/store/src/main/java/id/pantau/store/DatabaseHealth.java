package id.pantau.store;

/**
 * The database as health sees it: the last round trip, the pool's connections and, in embedded
 * mode, the supervisor's state and the data folder's free space.
 *
 * @param embedded null unless the database is the embedded PostgreSQL
 */
public record DatabaseHealth(DatabaseProbe.Result probe, Pool pool, EmbeddedDatabaseSupervisor.Status embedded) {
  /** A probe older than this means the probe thread itself is stuck: not an answer. */
  static final long STALE_PROBE_MS = 3_000;

  /** The pool's connections: {@code waiting} threads are waiting for one. */
  public record Pool(int active, int idle, int total, int waiting) {
  }

  /** Why the database is not usable now, or null when it is. */
  public String problem() {
    if (embedded != null && embedded.state() != EmbeddedDatabaseSupervisor.State.RUNNING) {
      return embedded.reason();
    }
    if (probe == null || probe.ageMillis() > STALE_PROBE_MS) {
      return "the database has not answered the health query for " + (probe == null ? "ever" : probe.ageMillis() + " ms");
    }
    return probe.reachable() ? null : "the database does not answer: " + probe.error();
  }
}
