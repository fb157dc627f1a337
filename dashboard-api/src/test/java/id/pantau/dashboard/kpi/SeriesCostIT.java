package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Batches;
import id.pantau.dashboard.testing.DashboardIT;
import id.pantau.dashboard.testing.Http;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What one series request may cost: its range is widened to whole buckets, so screens asking
 * with their own "now" share one cached answer, and a range longer than its step's cap is
 * refused with a 400 that names the cap.
 */
class SeriesCostIT extends DashboardIT {

  @AfterEach
  void aGatewayAndAScreenAreServed() throws Exception {
    assertEquals(1, dashboard.telemetry("bandung", "coblong", Batches.pm25(GW, 1, 1, "aq-coblong-01", 3, 1))
        .storedBatches());
    assertEquals(200, Http.send(dashboard.httpPort(), "GET", "/api/v1/kecamatan", null, null).statusCode());
  }

  @Test
  void rangesThatDifferWithinABucketGetTheSameAnswer() throws Exception {
    // given two day series whose ends differ by hours within the same Bandung day
    JsonObject a = series("/api/v1/series?metric=pm25&step=1d&from=2026-11-01T03:00:00Z&to=2026-11-20T05:00:00Z");
    JsonObject b = series("/api/v1/series?metric=pm25&step=1d&from=2026-11-01T09:59:00Z&to=2026-11-20T16:59:59Z");
    // then both are the same range of whole WIB days, one cache entry
    assertEquals("2026-10-31T17:00:00Z", a.getString("from"));
    assertEquals("2026-11-20T17:00:00Z", a.getString("to"));
    assertEquals(a.getString("from") + a.getString("to"), b.getString("from") + b.getString("to"));
  }

  @Test
  void aRangeOverItsStepsCapIsRefusedNamingTheCap() throws Exception {
    // 323 days of day buckets: under the 1,440-bucket limit, but over the 92 days a day series may cover
    HttpResponse<String> r = Http.send(dashboard.httpPort(), "GET",
        "/api/v1/series?metric=pm25&step=1d&from=2026-01-01T00:00:00Z&to=2026-11-20T00:00:00Z", null, null);
    assertEquals(400, r.statusCode(), r.body());
    JsonObject why = new JsonObject(r.body());
    assertTrue(why.getString("error").contains("http.series.maxRange1d") && why.getString("error").contains("92 days"),
        why.encode());
    assertEquals(400, Http.send(dashboard.httpPort(), "GET", "/api/v1/series?metric=pm25&step=1h"
        + "&from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z", null, null).statusCode(), "19 days of hours: over 7");
  }

  private static JsonObject series(String path) throws Exception {
    HttpResponse<String> r = Http.send(dashboard.httpPort(), "GET", path, null, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
