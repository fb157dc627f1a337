package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A city added over the admin API, without a restart: served at once by the node that took it
 * and within the reload interval by another node; its gateways log in and their readings are
 * stored. A file's city cannot be replaced, and a bad definition is refused saying why.
 */
class CityAdminIT {
  private static final String ADMIN = "admin-token-0123456789";
  private static final String BANDUNG_ADMIN = "bandung-admin-token-0123456789";
  private static TestServer first;
  private static TestServer second;

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.createTempFile("api-tokens", ".csv");
    Files.writeString(tokens, "root,admin," + ADMIN + "\nbdg,admin," + BANDUNG_ADMIN + ",bandung\n");
    Map<String, Object> settings = Map.of("security.apiTokensFile", tokens.toString(), "cities.reloadInterval", "300ms");
    first = TestServer.start(settings);
    second = TestServer.start(Map.of("security.apiTokensFile", tokens.toString(), "cities.reloadInterval", "300ms",
        "role", "api", "node.id", "second-api"));
    first.truncate();
  }

  @AfterAll
  static void stop() throws Exception {
    first.execute("UPDATE city SET definition = NULL WHERE slug = 'garut'"); // later test classes serve the files' cities only
    second.close();
    first.close();
  }

  @Test
  void aCityAddedOverTheApiIsServedByEveryNodeAndItsGatewaysIngest() throws Exception {
    JsonObject garut = new JsonObject().put("slug", "garut").put("name", "Kabupaten Garut").put("timezone", "Asia/Jakarta")
        .put("kecamatan", new JsonArray()
            .add(new JsonObject().put("slug", "garut-kota").put("name", "Garut Kota").put("zone", "central").put("tile", new JsonArray().add(0).add(0)))
            .add(new JsonObject().put("slug", "tarogong-kidul").put("name", "Tarogong Kidul").put("zone", "north").put("tile", new JsonArray().add(0).add(1))));

    assertEquals(403, put("/api/v1/admin/cities/garut", BANDUNG_ADMIN, garut).statusCode(), "bandung's admin adds no city");
    HttpResponse<String> added = put("/api/v1/admin/cities/garut", ADMIN, garut);
    assertEquals(201, added.statusCode(), added.body());
    assertEquals(2, new JsonObject(added.body()).getJsonArray("kecamatan").size());
    assertEquals(200, Http.send(first.httpPort(), "GET", "/api/v1/city?city=garut", null, null).statusCode(),
        "served at once by the node that took it");
    Poll.until(() -> Http.send(second.httpPort(), "GET", "/api/v1/city?city=garut", null, null).statusCode(), 200);

    // its gateway, added over the API, logs in and its readings are stored and served by the other node
    JsonObject gateway = new JsonObject(Http.send(first.httpPort(), "POST", "/api/v1/admin/gateways?city=garut", ADMIN,
        "{\"kecamatan\":\"garut-kota\"}").body());
    assertEquals("garut.garut-kota.gw1", gateway.getString("gateway"));
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(first.mqttPort(), "garut.garut-kota.gw1", gateway.getString("secret"))) {
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("garut", "garut-kota", "telemetry"),
          Payloads.telemetry("garut.garut-kota.gw1", 1, 1, "aq-garut-01", 3, 20)));
    }
    Poll.until(() -> Http.send(second.httpPort(), "GET", "/api/v1/kecamatan?city=garut", null, null).body()
        .contains("aq-garut-01") || Http.send(second.httpPort(), "GET", "/api/v1/kecamatan/garut-kota/sensors?city=garut",
        null, null).body().contains("aq-garut-01"), true);

    // replacing it answers 200; the change reaches the other node too
    garut.put("name", "Kabupaten Garut (diubah)");
    assertEquals(200, put("/api/v1/admin/cities/garut", ADMIN, garut).statusCode());
    Poll.until(() -> new JsonObject(Http.send(second.httpPort(), "GET", "/api/v1/city?city=garut", null, null).body())
        .getString("name"), "Kabupaten Garut (diubah)");
  }

  @Test
  void aFileCityOrABadDefinitionIsRefusedSayingWhy() throws Exception {
    JsonObject bandung = new JsonObject().put("slug", "bandung").put("name", "x")
        .put("kecamatan", new JsonArray().add(new JsonObject().put("slug", "a").put("name", "A").put("zone", "north")));
    HttpResponse<String> fileCity = put("/api/v1/admin/cities/bandung", ADMIN, bandung);
    assertEquals(409, fileCity.statusCode());
    assertTrue(fileCity.body().contains("defined by a file"), fileCity.body());

    HttpResponse<String> noKecamatan = put("/api/v1/admin/cities/sumbawa", ADMIN,
        new JsonObject().put("slug", "sumbawa").put("name", "Sumbawa"));
    assertEquals(400, noKecamatan.statusCode());
    assertTrue(noKecamatan.body().contains("has no kecamatan"), noKecamatan.body());

    HttpResponse<String> mismatch = put("/api/v1/admin/cities/sumbawa", ADMIN, bandung);
    assertEquals(400, mismatch.statusCode());
    assertEquals("slug", new JsonObject(mismatch.body()).getString("parameter"));
    assertEquals(404, Http.send(first.httpPort(), "GET", "/api/v1/city?city=sumbawa", null, null).statusCode());
  }

  private static HttpResponse<String> put(String path, String token, JsonObject body) throws Exception {
    return Http.send(first.httpPort(), "PUT", path, token, body.encode());
  }
}
