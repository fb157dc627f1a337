package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.ServerIT;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A complaint's state is the one implied by its events ordered by ts, however they arrive. */
class ComplaintIngestIT extends ServerIT {
  static final String TOPIC = Payloads.topic("bandung", "coblong", "complaints");

  @Test
  void outOfOrderAndDuplicateEventsConvergeToTheSameState() throws Exception {
    long t0 = System.currentTimeMillis() - 600_000;
    List<String> events = new ArrayList<>(List.of(
        created("A", t0, "banjir"),
        event("A", "dispatched", t0 + 60_000),
        event("A", "in_progress", t0 + 120_000),
        event("A", "resolved", t0 + 180_000),
        event("A", "reopened", t0 + 240_000),
        event("A", "resolved", t0 + 300_000),
        event("A", "closed", t0 + 360_000)));
    // given every event sent once in order, and (for a second complaint) shuffled with duplicates
    List<String> shuffled = new ArrayList<>();
    for (String e : events) {
      shuffled.add(e.replace("\"A\"", "\"B\""));
      shuffled.add(e.replace("\"A\"", "\"B\""));
    }
    Collections.shuffle(shuffled, new Random(42));
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      int seq = 1;
      for (String e : events) {
        assertEquals(0, gw.publishAndAwaitReason(TOPIC, batch(seq++, e)));
      }
      for (String e : shuffled) {
        assertEquals(0, gw.publishAndAwaitReason(TOPIC, batch(seq++, e)));
      }
    }

    // then both end closed, resolved at the resolution after the reopening, with one row per distinct event
    for (String id : List.of("A", "B")) {
      assertEquals("closed", server.text("SELECT state FROM complaint WHERE id = ?", id));
      assertEquals(t0 + 300_000, server.number("SELECT (extract(epoch FROM resolved_at) * 1000)::bigint"
          + " FROM complaint WHERE id = ?", id));
      assertEquals(t0, server.number("SELECT (extract(epoch FROM created_at) * 1000)::bigint FROM complaint WHERE id = ?", id));
      assertEquals(7, server.number("SELECT count(*) FROM complaint_event WHERE complaint_id = ?", id));
    }
  }

  @Test
  void eventForAnUnknownComplaintIsKeptAndAppliedWhenCreatedArrives() throws Exception {
    long t0 = System.currentTimeMillis() - 60_000;
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      // given a dispatch for a complaint the server has not seen
      assertEquals(0, gw.publishAndAwaitReason(TOPIC, batch(1, event("C", "dispatched", t0 + 1_000))));
      assertEquals(0, server.number("SELECT count(*) FROM complaint"));

      // when its creation arrives
      assertEquals(0, gw.publishAndAwaitReason(TOPIC, batch(2, created("C", t0, "sampah"))));
    }

    // then the complaint exists in the dispatched state, open, in the gateway's kecamatan
    assertEquals("dispatched", server.text("SELECT state FROM complaint WHERE id = 'C'"));
    assertNull(server.text("SELECT resolved_at FROM complaint WHERE id = 'C'"));
    assertEquals("coblong", server.text("SELECT k.slug FROM complaint c JOIN kecamatan k ON k.id = c.kecamatan_id"));
  }

  @Test
  void redeliveredComplaintBatchIsStoredOnceAndATelemetryBatchWithTheSameSeqIsNotADuplicate() throws Exception {
    long t0 = System.currentTimeMillis() - 60_000;
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      byte[] complaints = batch(1, created("D", t0, "pju_mati"));
      assertEquals(0, gw.publishAndAwaitReason(TOPIC, complaints));
      assertEquals(0, gw.publishAndAwaitReason(TOPIC, complaints));
      // a gateway that numbers its streams separately: telemetry seq 1 of the same boot
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry(GW, 5, 1, "s1", 2, 1)));
    }
    assertEquals(1, server.number("SELECT count(*) FROM complaint_event"));
    assertEquals(2, server.number("SELECT count(*) FROM reading"));
  }

  @Test
  void complaintWithAnUnknownCategoryIsRefused() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1")) {
      int code = gw.publishAndAwaitReason(TOPIC, batch(1, created("E", System.currentTimeMillis(), "gempa")));
      assertEquals(0x99, code);
    }
    assertEquals(0, server.number("SELECT count(*) FROM complaint_event"));
    assertEquals(1, server.number("SELECT count(*) FROM dead_letter WHERE detail LIKE '%category ''gempa''%'"));
  }

  @Test
  void aGatewayCannotTouchAnotherKecamatansComplaint() throws Exception {
    long t0 = System.currentTimeMillis() - 60_000;
    server.gateway("bandung.regol.t1", "bandung", "regol", "pw-r");
    String regolTopic = Payloads.topic("bandung", "regol", "complaints");
    try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, "secret-1");
         Mqtt5Gateway regol = Mqtt5Gateway.connect(server.mqttPort(), "bandung.regol.t1", "pw-r")) {
      assertEquals(0, coblong.publishAndAwaitReason(TOPIC, batch(1, created("E", t0, "banjir"))));

      // regol's gateway tries to close coblong's complaint, in a batch with one of its own
      byte[] meddling = Payloads.json("{\"gateway\":\"bandung.regol.t1\",\"boot\":1,\"seq\":1,\"events\":["
          + created("R", t0, "sampah") + "," + event("E", "closed", t0 + 1_000) + "]}");
      assertEquals(0x87, regol.publishAndAwaitReason(regolTopic, meddling), "not authorized");
      assertTrue(server.text("SELECT detail FROM dead_letter WHERE gateway_id = 'bandung.regol.t1'")
          .contains("'E' is a complaint of another kecamatan, not of regol"));

      // coblong's complaint is untouched; regol carries on with its own
      assertEquals("created", server.text("SELECT state FROM complaint WHERE id = 'E'"));
      byte[] own = Payloads.json("{\"gateway\":\"bandung.regol.t1\",\"boot\":1,\"seq\":2,\"events\":["
          + created("R", t0, "sampah") + "]}");
      assertEquals(0, regol.publishAndAwaitReason(regolTopic, own));
      assertEquals(0, coblong.publishAndAwaitReason(TOPIC, batch(2, event("E", "dispatched", t0 + 2_000))));
    }
    assertEquals("regol", server.text("SELECT k.slug FROM complaint c JOIN kecamatan k ON k.id = c.kecamatan_id"
        + " WHERE c.id = 'R'"));
    assertEquals("dispatched", server.text("SELECT state FROM complaint WHERE id = 'E'"));
    assertEquals(0, server.number("SELECT count(*) FROM complaint_event WHERE gateway_id = 'bandung.regol.t1'"
        + " AND complaint_id = 'E'"));
  }

  private static byte[] batch(long seq, String... events) {
    return Payloads.json("{\"gateway\":\"" + GW + "\",\"boot\":5,\"seq\":" + seq + ",\"events\":["
        + String.join(",", events) + "]}");
  }

  private static String created(String id, long ts, String category) {
    return "{\"id\":\"" + id + "\",\"event\":\"created\",\"ts\":" + ts + ",\"category\":\"" + category
        + "\",\"kelurahan\":\"dago\",\"lat\":-6.8853,\"lon\":107.6133,\"channel\":\"lapor\",\"priority\":\"high\"}";
  }

  private static String event(String id, String event, long ts) {
    return "{\"id\":\"" + id + "\",\"event\":\"" + event + "\",\"ts\":" + ts + "}";
  }
}
