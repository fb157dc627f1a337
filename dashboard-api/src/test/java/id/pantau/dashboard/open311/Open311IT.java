package id.pantau.dashboard.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.DashboardFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Civic apps read complaints through Open311 GeoReport v2. */
class Open311IT {
  static final String GW = "bandung.coblong.t1";
  static DashboardFixture dashboard;

  @BeforeAll
  static void start() throws Exception {
    dashboard = DashboardFixture.start();
    dashboard.truncate();
    dashboard.gateway(GW, "bandung", "coblong");
    long now = System.currentTimeMillis();
    assertEquals(1, dashboard.complaints("bandung", "coblong",
        "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"events\":["
            + "{\"id\":\"BDG-1\",\"event\":\"created\",\"ts\":" + (now - 7_200_000) + ",\"category\":\"banjir\","
            + "\"kelurahan\":\"dago\",\"lat\":-6.8853,\"lon\":107.6133,\"channel\":\"lapor\",\"text\":\"Air meluap\"},"
            + "{\"id\":\"BDG-1\",\"event\":\"in_progress\",\"ts\":" + (now - 3_600_000) + "},"
            + "{\"id\":\"BDG-2\",\"event\":\"created\",\"ts\":" + (now - 600_000) + ",\"category\":\"sampah\"},"
            + "{\"id\":\"BDG-2\",\"event\":\"resolved\",\"ts\":" + (now - 60_000) + "}]}").storedBatches());
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  @Test
  void servicesAreTheComplaintCategories() throws Exception {
    JsonArray services = new JsonArray(get("/open311/v2/services.json").body());
    assertEquals(10, services.size());
    assertTrue(services.stream().map(s -> ((JsonObject) s).getString("service_code")).anyMatch("banjir"::equals));
  }

  @Test
  void requestsMapTheLifecycleOntoOpenAndClosed() throws Exception {
    JsonArray all = new JsonArray(get("/open311/v2/requests.json").body());
    assertEquals(2, all.size());
    JsonObject flood = byId(all, "BDG-1");
    assertEquals("open", flood.getString("status"));
    assertTrue(flood.getString("status_notes").startsWith("in_progress since"), flood.getString("status_notes"));
    assertEquals("banjir", flood.getString("service_code"));
    assertEquals(-6.8853, flood.getDouble("lat"));
    assertEquals(107.6133, flood.getDouble("long"));
    assertEquals("Kelurahan dago, Kecamatan Coblong", flood.getString("address"));
    assertEquals("closed", byId(all, "BDG-2").getString("status"));
  }

  @Test
  void requestsAreFilteredByStatusCodeAndId() throws Exception {
    assertEquals("BDG-1", new JsonArray(get("/open311/v2/requests.json?status=open").body()).getJsonObject(0)
        .getString("service_request_id"));
    assertEquals(1, new JsonArray(get("/open311/v2/requests.json?service_code=sampah").body()).size());
    assertEquals(0, new JsonArray(get("/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z").body()).size());
    assertEquals("BDG-2", new JsonArray(get("/open311/v2/requests/BDG-2.json").body()).getJsonObject(0)
        .getString("service_request_id"));
  }

  @Test
  void errorsFollowTheGeoReportFormat() throws Exception {
    HttpResponse<String> bad = get("/open311/v2/requests.json?status=pending");
    assertEquals(400, bad.statusCode());
    assertEquals(400, new JsonArray(bad.body()).getJsonObject(0).getInteger("code"));
    assertEquals(404, get("/open311/v2/requests/NOPE.json").statusCode());
    assertEquals(404, get("/open311/v2/services.json?jurisdiction_id=atlantis").statusCode());
  }

  private static JsonObject byId(JsonArray list, String id) {
    return list.stream().map(o -> (JsonObject) o).filter(o -> o.getString("service_request_id").equals(id))
        .findFirst().orElseThrow();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + dashboard.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
