package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.TestServer;
import id.pantau.server.support.TimescaleDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TimescaleDB's background jobs in {@code /api/v1/health} and {@code /metrics}, on a database of
 * the test's own: Pantau's policies, run by TimescaleDB's scheduler, succeed; a job whose last
 * run failed makes health {@code degraded} and shows in the metrics, until it no longer fails.
 */
class TimescaleJobsIT {
  private static final String FAILING_PROCEDURE = """
      CREATE PROCEDURE pantau_test_failing_job(job_id int, config jsonb) LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'deliberate failure of a test job';
      END $$""";

  @Test
  void aFailingJobDegradesHealthAndShowsInTheMetrics() throws Exception {
    TimescaleDatabases.assumeAvailable();
    try (var db = TimescaleDatabases.create("jobs", true);
         TestServer server = TestServer.start(Map.of("database.url", db.url(), "database.timescale.jobCheckInterval", "200ms"))) {
      // given Pantau's five policies, each run once by the scheduler when it was added
      Poll.until(() -> policies(health(server), "Success"), 5L);
      assertEquals("ok", health(server).getString("status"));
      assertEquals(0, health(server).getJsonObject("timescaledb").getInteger("failingJobs"));

      // when a job fails (a procedure that raises, run by the scheduler at once)
      server.execute(FAILING_PROCEDURE);
      long job = server.number("SELECT add_job('pantau_test_failing_job', INTERVAL '1 hour', initial_start => now())");
      Poll.until(() -> health(server).getString("status"), "degraded");

      // then health names it, with its last run, and stays 200 (ready): the server still serves
      var response = Http.send(server.httpPort(), "GET", "/api/v1/health", null, null);
      assertEquals(200, response.statusCode());
      assertEquals(200, Http.send(server.httpPort(), "GET", "/api/v1/health/ready", null, null).statusCode());
      assertTrue(new JsonObject(response.body()).getJsonArray("warnings").encode().contains("job " + job + " ("), response.body());
      JsonObject timescale = new JsonObject(response.body()).getJsonObject("timescaledb");
      assertEquals(1, timescale.getInteger("failingJobs"));
      JsonObject failed = job(timescale.getJsonArray("jobs"), job);
      assertEquals("Failed", failed.getString("lastRunStatus"));
      assertTrue(failed.getLong("totalFailures") >= 1);
      assertTrue(failed.getString("applicationName").contains("[" + job + "]"), failed.encode());
      assertTrue(failed.getString("lastRunStartedAt") != null);
      // and /metrics has it per job
      String metrics = Http.send(server.httpPort(), "GET", "/metrics", null, null).body();
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pantau_timescaledb_job_last_run_failed{")
          && l.contains("job_id=\"" + job + "\"") && l.endsWith(" 1.0")), metrics);
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pantau_timescaledb_jobs_failing{") && l.endsWith(" 1.0")));
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("pantau_timescaledb_job_failures{")
          && l.contains("job_id=\"" + job + "\"") && !l.endsWith(" 0.0")));

      // when the job is gone, health is ok again
      server.execute("SELECT delete_job(" + job + ")");
      Poll.until(() -> health(server).getString("status"), "ok");
    }
  }

  private static JsonObject health(TestServer server) throws Exception {
    return new JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/health", null, null).body());
  }

  /** Pantau's policies (the jobs on a hypertable) whose last run ended in {@code status}. */
  private static long policies(JsonObject health, String status) {
    JsonObject timescale = health.getJsonObject("timescaledb");
    return timescale == null ? -1 : timescale.getJsonArray("jobs").stream().map(JsonObject.class::cast)
        .filter(j -> j.getString("hypertable") != null && status.equals(j.getString("lastRunStatus"))).count();
  }

  private static JsonObject job(JsonArray jobs, long id) {
    return jobs.stream().map(JsonObject.class::cast).filter(j -> j.getLong("jobId") == id).findFirst()
        .orElseThrow(() -> new AssertionError("job " + id + " not in " + jobs.encode()));
  }
}
