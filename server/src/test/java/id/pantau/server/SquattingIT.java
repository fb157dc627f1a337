package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A gateway cannot take over what belongs to another kecamatan by speaking first: the gauges a
 * city file names are its kecamatan's from the moment the city loads, and a complaint is the
 * kecamatan's that created it, whatever events others sent ahead for its id.
 */
class SquattingIT extends ServerIT {
  private static final String CIDADAP = "bandung.cidadap.gw1";

  @Test
  void aCityFilesGaugeBelongsToItsKecamatanBeforeAnyGatewayReportsIt() throws Exception {
    server.gateway(CIDADAP, "bandung", "cidadap", "pw-c");
    long now = System.currentTimeMillis();
    try (Mqtt5Gateway cidadap = Mqtt5Gateway.connect(server.mqttPort(), CIDADAP, "pw-c");
         Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      // cidadap's gateway reports coblong's gauge first
      assertEquals(0x87, cidadap.publishAndAwaitReason(Payloads.topic("bandung", "cidadap", "telemetry"),
          level(CIDADAP, 1, 50, now - 2_000)), "not authorized");
      String reason = server.text("SELECT detail FROM dead_letter WHERE gateway_id = ?", CIDADAP);
      assertTrue(reason.contains("'wl-cikapundung-01' (kecamatan coblong)"), reason);

      // coblong's own gateway is stored, and the flood view shows its value
      assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          level(GW, 1, 260, now - 1_000)));
    }
    Poll.until(() -> gauge("wl-cikapundung-01").getString("status"), "siaga_1");
    assertEquals(260.0, gauge("wl-cikapundung-01").getDouble("levelCm"));
    assertEquals("coblong", server.text("SELECT k.slug FROM sensor s JOIN kecamatan k ON k.id = s.kecamatan_id"
        + " WHERE s.external_id = 'wl-cikapundung-01'"));
  }

  @Test
  void eventsSentAheadForAComingComplaintIdDoNotMakeTheSenderItsOwner() throws Exception {
    long t0 = System.currentTimeMillis() - 60_000;
    server.gateway(CIDADAP, "bandung", "cidadap", "pw-c");
    try (Mqtt5Gateway cidadap = Mqtt5Gateway.connect(server.mqttPort(), CIDADAP, "pw-c");
         Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      // cidadap's gateway sends a closing event for the next complaint id, before anyone created it
      assertEquals(0, cidadap.publishAndAwaitReason(Payloads.topic("bandung", "cidadap", "complaints"),
          complaints(CIDADAP, 1, event("BDG-1001", "closed", t0 + 5_000))));

      // coblong creates it (with another of its own in the batch): stored, not refused
      assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "complaints"),
          complaints(GW, 1, created("BDG-1001", t0) + "," + created("BDG-1002", t0))));
      assertEquals("created", server.text("SELECT state FROM complaint WHERE id = 'BDG-1001'"),
          "cidadap's event sent ahead is not applied");
      assertEquals("coblong", server.text("SELECT k.slug FROM complaint c JOIN kecamatan k ON k.id = c.kecamatan_id"
          + " WHERE c.id = 'BDG-1001'"));

      // from now on the complaint is coblong's: cidadap is refused, naming it; coblong goes on
      assertEquals(0x87, cidadap.publishAndAwaitReason(Payloads.topic("bandung", "cidadap", "complaints"),
          complaints(CIDADAP, 2, event("BDG-1001", "rejected", t0 + 6_000))));
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = ?", CIDADAP)
          .contains("'BDG-1001' is a complaint of another kecamatan, not of cidadap"));
      assertEquals(0, coblong.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "complaints"),
          complaints(GW, 2, event("BDG-1001", "dispatched", t0 + 7_000))));
    }
    assertEquals("dispatched", server.text("SELECT state FROM complaint WHERE id = 'BDG-1001'"));
  }

  private static byte[] level(String gateway, long seq, double cm, long ts) {
    return Payloads.json("{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":" + seq + ",\"readings\":["
        + "{\"sensor\":\"wl-cikapundung-01\",\"metric\":\"water_level_cm\",\"ts\":" + ts + ",\"value\":" + cm + "}]}");
  }

  private static byte[] complaints(String gateway, long seq, String events) {
    return Payloads.json("{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":" + seq + ",\"events\":[" + events + "]}");
  }

  private static String created(String id, long ts) {
    return "{\"id\":\"" + id + "\",\"event\":\"created\",\"ts\":" + ts + ",\"category\":\"banjir\"}";
  }

  private static String event(String id, String event, long ts) {
    return "{\"id\":\"" + id + "\",\"event\":\"" + event + "\",\"ts\":" + ts + "}";
  }

  private static JsonObject gauge(String sensor) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/flood")).build(), HttpResponse.BodyHandlers.ofString());
    JsonArray gauges = new JsonObject(r.body()).getJsonArray("gauges");
    for (int i = 0; i < gauges.size(); i++) {
      if (gauges.getJsonObject(i).getString("sensor").equals(sensor)) {
        return gauges.getJsonObject(i);
      }
    }
    throw new AssertionError("no gauge " + sensor);
  }
}
