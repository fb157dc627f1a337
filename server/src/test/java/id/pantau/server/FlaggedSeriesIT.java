package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A series asked with {@code include=flagged} also lists the readings stored flagged (kept out
 * of its buckets), each with its raw value and why, so an operator sees what a faulty sensor
 * sent; without it a series is what it always was.
 */
class FlaggedSeriesIT extends ServerIT {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String TOPIC = Payloads.topic("bandung", "coblong", "telemetry");

  @Test
  void aSeriesCarriesItsFlaggedReadingsMarkedAsSuchOnlyWhenAskedTo() throws Exception {
    long minute = (System.currentTimeMillis() - 120_000) / 60_000 * 60_000;
    try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      // given one valid pm25 reading, two implausible ones and an implausible pm10
      assertEquals(0, gateway.publishAndAwaitReason(TOPIC, Payloads.json("{\"gateway\":\"" + GW
          + "\",\"boot\":1,\"seq\":1,\"readings\":[" + String.join(",",
          reading("aq-coblong-01", "pm25", minute + 1_000, "30"),
          reading("aq-coblong-09", "pm25", minute + 2_000, "1e308"),
          reading("aq-coblong-09", "pm25", minute + 3_000, "-5"),
          reading("aq-coblong-09", "pm10", minute + 3_000, "9999")) + "]}")));
    }
    String range = "&from=" + Instant.ofEpochMilli(minute - 3_600_000) + "&to=" + Instant.ofEpochMilli(minute + 60_000);

    // by default a series is its buckets alone, as before
    JsonObject plain = get("/api/v1/series?metric=pm25&kecamatan=coblong" + range);
    assertFalse(plain.containsKey("flagged"), plain.encode());
    assertEquals(1L, plain.getJsonArray("points").getJsonObject(0).getLong("count"), "the flagged ones count for nothing");

    // with include=flagged it also lists the flagged readings of its metric, oldest first, with their raw values
    JsonObject withFlagged = get("/api/v1/series?metric=pm25&kecamatan=coblong&include=flagged" + range);
    assertEquals(plain.getJsonArray("points"), withFlagged.getJsonArray("points"), "the buckets are the same");
    assertEquals(new JsonArray().add(flagged(minute + 2_000, 1e308)).add(flagged(minute + 3_000, -5)),
        withFlagged.getJsonArray("flagged"));
    assertFalse(withFlagged.getBoolean("flaggedTruncated"));
    // city-wide and by the hour too; a kecamatan without any has an empty list
    assertEquals(2, get("/api/v1/series?metric=pm25&step=1h&include=flagged" + range).getJsonArray("flagged").size());
    assertEquals(new JsonArray(),
        get("/api/v1/series?metric=pm25&kecamatan=regol&include=flagged" + range).getJsonArray("flagged"));

    HttpResponse<String> refused = send("/api/v1/series?metric=pm25&include=all" + range);
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("include"), refused.body());
  }

  private static JsonObject flagged(long ts, double value) {
    return new JsonObject().put("ts", Instant.ofEpochMilli(ts).toString()).put("sensor", "aq-coblong-09")
        .put("kecamatan", "coblong").put("value", value).put("flag", "out_of_range");
  }

  private static String reading(String sensor, String metric, long ts, String value) {
    return "{\"sensor\":\"" + sensor + "\",\"metric\":\"" + metric + "\",\"ts\":" + ts + ",\"value\":" + value + "}";
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> r = send(path);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> send(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
