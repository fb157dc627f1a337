package id.pantau.dashboard.http;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import java.nio.file.Path;
import java.time.Duration;

/** The HTTP listener of the dashboard API. */
public record HttpConfig(String host, int port, String defaultCity, Duration snapshotInterval, Path operatorTokensFile) {

  public static HttpConfig from(ConfigTree c) {
    Duration interval = c.duration("http.snapshotInterval");
    if (interval.toMillis() < 100) {
      throw new ConfigException("http.snapshotInterval", "must be at least 100ms, is " + interval);
    }
    String tokens = c.optionalString("security.operatorTokensFile");
    Path tokensFile = tokens != null ? Path.of(tokens)
        : Path.of(c.string("gateways.credentialsDir")).resolve("operator-tokens.csv");
    return new HttpConfig(c.string("http.host"), c.integer("http.port", 0, 65535), c.string("cities.default"), interval,
        tokensFile);
  }
}
