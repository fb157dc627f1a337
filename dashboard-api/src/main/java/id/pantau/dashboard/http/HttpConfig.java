package id.pantau.dashboard.http;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import id.pantau.config.TlsFiles;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP listener of the dashboard API.
 *
 * @param readsNeedToken false: anyone who reaches the port may read (a command center's own
 *     network); true: every read needs a token with at least the screen role
 * @param tls the certificate for HTTPS, or null for plain HTTP
 * @param alertInterval how often the alert engine judges the latest KPIs
 */
public record HttpConfig(String host, int port, String defaultCity, Duration snapshotInterval, Path apiTokensFile,
                         boolean readsNeedToken, TlsFiles tls, Duration alertInterval) {

  public static HttpConfig from(ConfigTree c) {
    Duration interval = c.duration("http.snapshotInterval");
    if (interval.toMillis() < 100) {
      throw new ConfigException("http.snapshotInterval", "must be at least 100ms, is " + interval);
    }
    Duration alerts = c.optionalString("http.alertInterval") == null ? interval : c.duration("http.alertInterval");
    if (alerts.toMillis() < 100) {
      throw new ConfigException("http.alertInterval", "must be at least 100ms, is " + alerts);
    }
    String tokens = c.optionalString("security.apiTokensFile");
    Path tokensFile = tokens != null ? Path.of(tokens)
        : Path.of(c.string("gateways.credentialsDir")).resolve("api-tokens.csv");
    String reads = c.string("http.readAccess");
    if (!reads.equals("open") && !reads.equals("token")) {
      throw new ConfigException("http.readAccess", "must be open or token, is '" + reads + "'");
    }
    return new HttpConfig(c.string("http.host"), c.integer("http.port", 0, 65535), c.string("cities.default"), interval,
        tokensFile, reads.equals("token"), TlsFiles.from(c, "http.tls", false), alerts);
  }

  /** The listener's options: its address, and HTTPS when a certificate is configured. */
  public HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port);
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString()));
    }
    return options;
  }
}
