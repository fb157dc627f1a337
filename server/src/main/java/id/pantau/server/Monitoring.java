package id.pantau.server;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import id.pantau.store.Database;
import id.pantau.store.DatabaseHealth;
import id.pantau.store.DiskSpace;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The Prometheus registry of one node: Pantau's own meters, the JVM's, the database pool's
 * (HikariCP) and Vert.x's (connections, HTTP), all tagged with the node id, scraped at
 * {@code /metrics}. The list that matters for dashboards is in docs/OPERATIONS.md.
 */
final class Monitoring {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  Monitoring(String node) {
    registry.config().commonTags("node", node);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** A Vert.x instance whose own metrics (net and HTTP connections, event loops) land in this registry. */
  Vertx vertx() {
    return Vertx.builder()
        .with(new io.vertx.core.VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  void bindPool(DataSource ds) {
    if (ds instanceof HikariDataSource hikari) {
      hikari.setMetricRegistry(registry);
    }
  }

  /**
   * The database as the health probe sees it: reachable (1/0) and its round trip; in embedded mode
   * also the free space of the data folder's disk and the supervisor's restarts.
   */
  void bindDatabase(Database database) {
    gauge("pantau.database.reachable", "1 while the database answers the health query, else 0", () -> {
      DatabaseHealth h = database.health();
      return h.problem() == null ? 1 : 0;
    });
    if (database.health().embedded() != null) {
      gauge("pantau.database.disk.free.bytes", "free space on the embedded database's disk", () -> {
        DiskSpace disk = database.health().embedded().disk();
        return disk == null ? -1 : disk.freeBytes();
      });
      gauge("pantau.database.disk.total.bytes", "size of the embedded database's disk", () -> {
        DiskSpace disk = database.health().embedded().disk();
        return disk == null ? -1 : disk.totalBytes();
      });
      gauge("pantau.database.restarts", "times the embedded PostgreSQL was restarted after it died",
          () -> database.health().embedded().restarts());
    }
  }

  void gauge(String name, String description, LongSupplier value) {
    // held strongly: the registry keeps gauges' objects weakly, and a lambda has no other owner
    Gauge.builder(name, value, v -> v.getAsLong()).description(description).strongReference(true).register(registry);
  }

  String scrape() {
    return registry.scrape();
  }
}
