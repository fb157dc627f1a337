package id.pantau.server;

import id.pantau.config.ConfigException;

/** What one process runs; roles can be split so ingest and API scale on their own. */
public enum Role {
  ALL, INGEST, API;

  public boolean ingest() {
    return this != API;
  }

  public boolean api() {
    return this != INGEST;
  }

  public static Role parse(String s) {
    return switch (s) {
      case "all" -> ALL;
      case "ingest" -> INGEST;
      case "api" -> API;
      default -> throw new ConfigException("role", "must be all, ingest or api, is '" + s + "'");
    };
  }
}
