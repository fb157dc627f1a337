package id.pantau.benchmarks;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The database a benchmark's server and its COPY baseline use: an external one by URL (a
 * dedicated PostgreSQL or TimescaleDB database: its Pantau tables are truncated), or, without a
 * URL, a fresh embedded PostgreSQL in a temporary folder. The older {@code --jdbc-*} names still work
 * (named in the help of --database-url, not listed on their own).
 */
final class DatabaseOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--database-url", paramLabel = "URL", description = "a DEDICATED PostgreSQL or TimescaleDB database,"
      + " e.g. jdbc:postgresql://localhost:5432/bench (its Pantau tables are truncated); the server and the COPY baseline"
      + " use it, and the report names its versions (default: embedded PostgreSQL in a temporary folder);"
      + " --jdbc-url, --jdbc-user and --jdbc-password are the older names of these three options")
  String url;

  @Option(names = "--database-user", paramLabel = "USER", description = "user for --database-url")
  String user;

  @Option(names = "--database-password", paramLabel = "PASSWORD", description = "password for --database-url")
  String password;

  @Option(names = "--jdbc-url", hidden = true, paramLabel = "URL", description = "the older name of --database-url")
  void jdbcUrl(String value) {
    url = value;
  }

  @Option(names = "--jdbc-user", hidden = true, paramLabel = "USER", description = "the older name of --database-user")
  void jdbcUser(String value) {
    user = value;
  }

  @Option(names = "--jdbc-password", hidden = true, paramLabel = "PASSWORD",
      description = "the older name of --database-password")
  void jdbcPassword(String value) {
    password = value;
  }

  /** The database as given, checked: a user or password without a URL is a mistake, not a default. */
  DatabaseTarget target() {
    if (url == null) {
      if (user != null || password != null) {
        throw new ParameterException(spec.commandLine(), "--database-user and --database-password need --database-url");
      }
      return DatabaseTarget.EMBEDDED;
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ParameterException(spec.commandLine(),
          "--database-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), is '" + url + "'");
    }
    return new DatabaseTarget(url, user, password);
  }
}
