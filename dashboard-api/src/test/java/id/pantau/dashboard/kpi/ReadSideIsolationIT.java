package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.DashboardIT;
import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One failing part of the read side stops nothing else: a view whose query fails keeps its last
 * good snapshot, shows in {@code /api/v1/health} and in the metrics, while the city's other views
 * and the alert engine go on; when it works again it leaves the health record.
 */
class ReadSideIsolationIT extends DashboardIT {

  @Test
  void aFailingViewShowsInHealthAndStopsNeitherTheOtherViewsNorTheAlerts() throws Exception {
    Poll.until(() -> get("/api/v1/ingest").getLong("gatewaysOnline") != null, true);
    String ingestBefore = Http.send(dashboard.httpPort(), "GET", "/api/v1/ingest", null, null).body();

    // given the table behind the ingest view's refusal counts gone (as after a botched manual change)
    dashboard.execute("ALTER TABLE dead_letter RENAME TO dead_letter_away");
    try {
      // then health names the failing part of the city, since when and why
      Poll.until(() -> failure("view:ingest") != null, true);
      JsonObject failure = failure("view:ingest");
      assertEquals("bandung", failure.getString("city"));
      assertTrue(failure.getString("error").contains("dead_letter"), failure.encode());
      assertTrue(failure.getString("since").endsWith("Z"), failure.encode());

      // and the other views and the alert engine go on: a flood reading reaches its view and opens its alert
      assertEquals(1, dashboard.telemetry("bandung", "coblong", "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,"
          + "\"readings\":[{\"sensor\":\"wl-cikapundung-01\",\"metric\":\"water_level_cm\",\"ts\":"
          + System.currentTimeMillis() + ",\"value\":262}]}").storedBatches());
      Poll.until(() -> gaugeStatus("wl-cikapundung-01"), "siaga_1");
      Poll.until(() -> get("/api/v1/alerts").getJsonArray("active").stream()
          .anyMatch(a -> ((JsonObject) a).getString("rule").equals("flood")), true);
      // the failing view still serves its last good snapshot
      assertEquals(ingestBefore, Http.send(dashboard.httpPort(), "GET", "/api/v1/ingest", null, null).body());
      assertEquals(1, failures().size(), failures().encode());
      assertTrue(failuresCounted("view:ingest") >= 1);
    } finally {
      dashboard.execute("ALTER TABLE dead_letter_away RENAME TO dead_letter");
    }

    // when the table is back the view recovers and leaves the health record
    Poll.until(() -> failures().isEmpty(), true);
  }

  private static JsonObject get(String path) throws Exception {
    return new JsonObject(Http.send(dashboard.httpPort(), "GET", path, null, null).body());
  }

  private static JsonArray failures() throws Exception {
    return get("/api/v1/health").getJsonArray("failures");
  }

  private static JsonObject failure(String part) throws Exception {
    return failures().stream().map(o -> (JsonObject) o).filter(f -> f.getString("part").equals(part)).findFirst()
        .orElse(null);
  }

  private static String gaugeStatus(String sensor) throws Exception {
    return get("/api/v1/flood").getJsonArray("gauges").stream().map(o -> (JsonObject) o)
        .filter(g -> g.getString("sensor").equals(sensor)).map(g -> g.getString("status")).findFirst().orElse(null);
  }

  private static double failuresCounted(String part) throws Exception {
    String text = Http.send(dashboard.httpPort(), "GET", "/metrics", null, null).body();
    Matcher m = Pattern.compile("^pantau_readside_failures_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      if (m.group(1).contains("part=\"" + part + "\"")) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no pantau_readside_failures_total for " + part);
  }
}
