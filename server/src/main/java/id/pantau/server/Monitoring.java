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

  void gauge(String name, String description, LongSupplier value) {
    Gauge.builder(name, value, v -> v.getAsLong()).description(description).register(registry);
  }

  String scrape() {
    return registry.scrape();
  }
}
