package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.http.HealthSection;
import id.pantau.store.TimescaleJobs.Job;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimescaleJobMonitorTest {
  private static final Instant STARTED = Instant.parse("2026-12-03T08:23:36Z");
  private static final Job COMPRESSION_OK = new Job(1000, "Columnstore Policy [1000]", "reading", "Success", STARTED, 3, 0);
  private static final Job COMPRESSION_FAILED = new Job(1000, "Columnstore Policy [1000]", "reading", "Failed", STARTED, 4, 1);
  private static final Job NEVER_RAN = new Job(1, "Telemetry Reporter [1]", null, null, null, 0, 0);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<List<Job>> jobs = new AtomicReference<>(List.of(NEVER_RAN, COMPRESSION_OK));
  private final TimescaleJobMonitor monitor = new TimescaleJobMonitor(jobs::get, registry);

  @Test
  void aJobWhoseLastRunFailedDegradesHealthUntilItSucceedsAgain() {
    monitor.check();
    HealthSection ok = monitor.health();
    assertEquals("timescaledb", ok.key());
    assertNull(ok.warning());
    assertEquals(0, ok.body().getInteger("failingJobs"));
    assertEquals(2, ok.body().getJsonArray("jobs").size());
    assertEquals("Success", ok.body().getJsonArray("jobs").getJsonObject(1).getString("lastRunStatus"));

    jobs.set(List.of(NEVER_RAN, COMPRESSION_FAILED));
    monitor.check();
    HealthSection failing = monitor.health();
    assertTrue(failing.degraded());
    assertTrue(failing.warning().contains("job 1000 (Columnstore Policy [1000])"), failing.warning());
    assertEquals(1, failing.body().getInteger("failingJobs"));
    assertEquals(STARTED.toString(), failing.body().getJsonArray("jobs").getJsonObject(1).getString("lastRunStartedAt"));
    String metrics = registry.scrape();
    assertTrue(metrics.contains("pantau_timescaledb_job_last_run_failed{application_name=\"Columnstore Policy [1000]\",job_id=\"1000\"} 1.0"),
        metrics);
    assertTrue(metrics.contains("pantau_timescaledb_job_failures{application_name=\"Columnstore Policy [1000]\",job_id=\"1000\"} 1.0"));
    assertTrue(metrics.contains("pantau_timescaledb_jobs_failing 1.0"));

    jobs.set(List.of(NEVER_RAN, COMPRESSION_OK));
    monitor.check();
    assertNull(monitor.health().warning());
    assertTrue(registry.scrape().contains("pantau_timescaledb_jobs_failing 0.0"));
  }

  @Test
  void jobStatsThatCannotBeReadAreSaid() {
    TimescaleJobMonitor failingSource = new TimescaleJobMonitor(() -> {
      throw new java.sql.SQLException("connection refused");
    }, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    failingSource.check();
    assertEquals("connection refused", failingSource.health().body().getString("error"));
    assertNull(failingSource.health().warning());
  }
}
