package id.pantau.dashboard.http;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import id.pantau.config.TlsFiles;
import id.pantau.dashboard.kpi.SeriesRequest;
import id.pantau.dashboard.quality.SensorHealthConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener of the dashboard API.
 *
 * @param readsNeedToken false: anyone who reaches the port may read (a command center's own
 *     network); true: every read needs a token with at least the screen role
 * @param tls the certificate for HTTPS, or null for plain HTTP
 * @param alertInterval how often the alert engine judges the latest KPIs
 * @param idleTimeout a connection that neither sends nor takes a byte for this long is closed
 *     (a stalled SSE screen as much as an idle keep-alive)
 * @param sendBufferBytes the kernel's send buffer per connection, or 0 for the operating
 *     system's automatic sizing
 * @param stream the caps on Server-Sent Events connections
 * @param budget the per-address request budget
 * @param seriesRanges the longest range a series may ask for, per step
 * @param historyRetention how far back the views may be replayed ({@code ?at=}): the rollups'
 *     retention ({@code retention.rollups}), before which the history is gone
 * @param sensorHealth the sensor health checks' windows and limits
 * @param batchRetention how long stored batches are kept ({@code retention.raw}, as the retention
 *     job prunes them), null if forever: the rapor's gateway uptime reaches no further back
 */
public record HttpConfig(String host, int port, String defaultCity, Duration snapshotInterval, Path apiTokensFile,
                         boolean readsNeedToken, TlsFiles tls, Duration alertInterval, Duration idleTimeout,
                         int sendBufferBytes, StreamLimits stream, RequestBudget.Limits budget,
                         SeriesRequest.MaxRanges seriesRanges, Duration historyRetention,
                         SensorHealthConfig sensorHealth, Duration batchRetention) {

  /** Caps on SSE connections: on the whole node, and from one address. */
  public record StreamLimits(int maxConnections, int maxPerAddress) {
  }

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
    Duration idle = c.duration("http.idleTimeout");
    if (idle.toSeconds() < 1) {
      throw new ConfigException("http.idleTimeout", "must be at least 1s, is " + idle);
    }
    return new HttpConfig(c.string("http.host"), c.integer("http.port", 0, 65535), c.string("cities.default"), interval,
        tokensFile, reads.equals("token"), TlsFiles.from(c, "http.tls", false), alerts, idle,
        c.integer("http.sendBufferBytes", 0, 64 * 1024 * 1024),
        new StreamLimits(c.integer("http.stream.maxConnections", 1, 1_000_000),
            c.integer("http.stream.maxConnectionsPerAddress", 1, 1_000_000)),
        new RequestBudget.Limits(c.integer("http.requestBudget.perSecond", 0, 1_000_000),
            c.integer("http.requestBudget.burst", 0, 100_000_000)),
        new SeriesRequest.MaxRanges(range(c, "http.series.maxRange1m"), range(c, "http.series.maxRange1h"),
            range(c, "http.series.maxRange1d")),
        c.optionalString("retention.rollups") == null ? DEFAULT_HISTORY : c.duration("retention.rollups"),
        SensorHealthConfig.from(c),
        c.optionalString("retention.raw") == null ? null : c.duration("retention.raw"));
  }

  /** The rollups' default retention, for a configuration whose {@code retention.rollups} is null. */
  static final Duration DEFAULT_HISTORY = Duration.ofDays(730);

  private static Duration range(ConfigTree c, String key) {
    Duration d = c.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key, "must be longer than zero, is " + d);
    }
    return d;
  }

  /** The listener's options: its address, idle timeout, and HTTPS when a certificate is configured. */
  public HttpServerOptions serverOptions() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setIdleTimeout((int) idleTimeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (sendBufferBytes > 0) {
      options.setSendBufferSize(sendBufferBytes);
    }
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString()));
    }
    return options;
  }
}
