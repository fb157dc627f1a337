package id.pantau.benchmarks;

/** The database a benchmark's server uses; a null URL is a fresh embedded PostgreSQL. */
record DatabaseTarget(String url, String user, String password) {
  static final DatabaseTarget EMBEDDED = new DatabaseTarget(null, null, null);

  boolean external() {
    return url != null;
  }
}
