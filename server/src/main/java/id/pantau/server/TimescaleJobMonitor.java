package id.pantau.server;

import id.pantau.dashboard.http.HealthSection;
import id.pantau.store.TimescaleJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches TimescaleDB's background jobs: every {@code database.timescale.jobCheckInterval} it
 * reads the last run of each job, shows them in {@code /api/v1/health} (a job whose last run
 * failed makes the status {@code degraded}) and in {@code /metrics}, and logs each job that
 * starts or stops failing once.
 */
final class TimescaleJobMonitor {
  private static final Logger log = LoggerFactory.getLogger(TimescaleJobMonitor.class);

  /** Where the jobs come from: {@link TimescaleJobs#read}. */
  interface Source {
    List<TimescaleJobs.Job> read() throws Exception;
  }

  private final Source source;
  private final MultiGauge lastRunFailed;
  private final MultiGauge failures;
  private final MultiGauge lastRunStarted;
  private volatile List<TimescaleJobs.Job> jobs = List.of();
  private volatile Instant checkedAt;
  private volatile String readError;

  TimescaleJobMonitor(Source source, MeterRegistry registry) {
    this.source = source;
    this.lastRunFailed = MultiGauge.builder("pantau.timescaledb.job.last.run.failed")
        .description("1 when the job's last run failed (timescaledb_information.job_stats)").register(registry);
    this.failures = MultiGauge.builder("pantau.timescaledb.job.failures")
        .description("failed runs of the job so far, as TimescaleDB counts them").register(registry);
    this.lastRunStarted = MultiGauge.builder("pantau.timescaledb.job.last.run.started").baseUnit("seconds")
        .description("when the job's last run started, seconds since the epoch").register(registry);
    Gauge.builder("pantau.timescaledb.jobs.failing", this, m -> m.failing().size())
        .description("TimescaleDB jobs whose last run failed").register(registry);
  }

  /** Checks now, then periodically, on a worker. */
  void start(Vertx vertx, Duration every) {
    vertx.executeBlocking(this::check, false);
    vertx.setPeriodic(Math.max(100, every.toMillis()), t -> vertx.executeBlocking(this::check, false));
  }

  /** Blocking. */
  Void check() {
    try {
      List<TimescaleJobs.Job> fresh = source.read();
      logChanges(jobs, fresh);
      jobs = fresh;
      readError = null;
      publish(fresh);
    } catch (Exception e) {
      if (readError == null) {
        log.warn("cannot read TimescaleDB job stats: {}", e.toString());
      }
      readError = e.getMessage();
    }
    checkedAt = Instant.now();
    return null;
  }

  HealthSection health() {
    List<TimescaleJobs.Job> current = jobs;
    JsonArray list = new JsonArray();
    current.forEach(j -> list.add(new JsonObject().put("jobId", j.id()).put("applicationName", j.applicationName())
        .put("hypertable", j.hypertable()).put("lastRunStatus", j.lastRunStatus())
        .put("lastRunStartedAt", j.lastRunStartedAt() == null ? null : j.lastRunStartedAt().toString())
        .put("totalRuns", j.totalRuns()).put("totalFailures", j.totalFailures())));
    List<TimescaleJobs.Job> failing = failing();
    JsonObject body = new JsonObject().put("failingJobs", failing.size())
        .put("checkedAt", checkedAt == null ? null : checkedAt.toString()).put("jobs", list);
    if (readError != null) {
      body.put("error", readError);
    }
    return new HealthSection("timescaledb", body, failing.isEmpty() ? null : warning(failing));
  }

  private static String warning(List<TimescaleJobs.Job> failing) {
    return "timescaledb: the last run failed of " + failing.stream()
        .map(j -> "job " + j.id() + " (" + j.applicationName() + ")").collect(java.util.stream.Collectors.joining(", "))
        + "; why: SELECT * FROM timescaledb_information.job_errors";
  }

  private List<TimescaleJobs.Job> failing() {
    return jobs.stream().filter(TimescaleJobs.Job::lastRunFailed).toList();
  }

  private void publish(List<TimescaleJobs.Job> current) {
    lastRunFailed.register(rows(current, j -> j.lastRunFailed() ? 1 : 0), true);
    failures.register(rows(current, TimescaleJobs.Job::totalFailures), true);
    lastRunStarted.register(rows(current.stream().filter(j -> j.lastRunStartedAt() != null).toList(),
        j -> j.lastRunStartedAt().toEpochMilli() / 1000.0), true);
  }

  private static List<MultiGauge.Row<?>> rows(List<TimescaleJobs.Job> jobs, ToDoubleFunction<TimescaleJobs.Job> value) {
    return jobs.stream().<MultiGauge.Row<?>>map(j -> MultiGauge.Row.of(
        Tags.of("job_id", String.valueOf(j.id()), "application_name", j.applicationName()), value.applyAsDouble(j)))
        .toList();
  }

  private static void logChanges(List<TimescaleJobs.Job> before, List<TimescaleJobs.Job> after) {
    for (TimescaleJobs.Job j : after) {
      boolean wasFailing = before.stream().anyMatch(b -> b.id() == j.id() && b.lastRunFailed());
      if (j.lastRunFailed() && !wasFailing) {
        log.warn("TimescaleDB job failing job={} application=\"{}\" hypertable={} failures={} (details:"
            + " SELECT * FROM timescaledb_information.job_errors WHERE job_id = {})", j.id(), j.applicationName(),
            j.hypertable(), j.totalFailures(), j.id());
      } else if (!j.lastRunFailed() && wasFailing) {
        log.info("TimescaleDB job recovered job={} application=\"{}\" status={}", j.id(), j.applicationName(),
            j.lastRunStatus());
      }
    }
  }
}
