package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.RawMqtt5Client;
import id.pantau.server.support.ServerIT;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingest promise: a PUBACK means stored, exactly once. */
class TelemetryIngestIT extends ServerIT {
  static Vertx vertx;

  @BeforeAll
  static void startClients() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopClients() {
    vertx.close().await();
  }

  @Test
  void pubackWaitsForCommit() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "secret-1");
         Connection blocker = server.db().getConnection()) {
      // given the store held back: another transaction holds the batch-id table
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("LOCK TABLE ingest_batch IN ACCESS EXCLUSIVE MODE");
      }

      // when a batch is published
      IMqttToken token = gw.publish(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.telemetry("bandung.coblong.t1", 1, 1, "aq-1", 3, 10));

      // then no PUBACK comes while the write cannot commit: the writer is in the database, waiting for the lock
      Poll.until(() -> server.number("SELECT count(*) FROM pg_locks WHERE relation = 'ingest_batch'::regclass AND NOT granted") > 0,
          true);
      assertFalse(token.isComplete(), "PUBACK arrived while the store was held back");
      assertEquals(0, server.number("SELECT count(*) FROM reading"));

      // and once released, the PUBACK comes and the rows are there
      blocker.commit();
      Poll.until(token::isComplete, true);
      assertEquals(0, token.getReasonCodes()[0]);
      assertEquals(3, server.number("SELECT count(*) FROM reading"));
    }
  }

  @Test
  void everyAcknowledgedReadingIsStored() throws Exception {
    // given 5 gateways in 5 kecamatan
    String[] kecamatan = {"coblong", "andir", "cibiru", "regol", "sukajadi"};
    int batches = 20;
    int perBatch = 50;
    List<MqttClient> clients = new ArrayList<>();
    for (String k : kecamatan) {
      server.gateway("bandung." + k + ".t1", "bandung", k, "pw-" + k);
      MqttClient c = MqttClient.create(vertx, new MqttClientOptions().setClientId("bandung." + k + ".t1")
          .setUsername("bandung." + k + ".t1").setPassword("pw-" + k).setMaxInflightQueue(batches));
      c.connect(server.mqttPort(), "127.0.0.1").await();
      clients.add(c);
    }

    // when each publishes 20 QoS 1 batches of 50 distinct readings and waits for every PUBACK
    long base = System.currentTimeMillis() - 60_000;
    List<Future<Void>> acked = new ArrayList<>();
    for (int g = 0; g < kecamatan.length; g++) {
      MqttClient c = clients.get(g);
      String id = "bandung." + kecamatan[g] + ".t1";
      var all = new io.vertx.core.Promise[] {io.vertx.core.Promise.promise()};
      int[] remaining = {batches};
      c.publishCompletionHandler(packetId -> {
        if (--remaining[0] == 0) {
          all[0].complete();
        }
      });
      for (int b = 1; b <= batches; b++) {
        c.publish(Payloads.topic("bandung", kecamatan[g], "telemetry"),
            // later batches carry later readings (not the same millisecond), so the latest value is defined;
            // values 0 to 999, all plausible for pm25, so every reading counts in the rollups
            Buffer.buffer(Payloads.telemetryAt(id, 7, b, "s-" + kecamatan[g], perBatch, (b - 1) * perBatch,
                base + b * 100L)),
            MqttQoS.AT_LEAST_ONCE, false, false);
      }
      @SuppressWarnings("unchecked")
      Future<Void> f = all[0].future();
      acked.add(f);
    }
    Future.all(acked).await();

    // then every acknowledged reading is stored, and the rollups add up to exactly what was sent
    long expectedRows = (long) kecamatan.length * batches * perBatch;
    assertEquals(expectedRows, server.number("SELECT count(*) FROM reading"));
    assertEquals(expectedRows, server.number("SELECT sum(count) FROM rollup_1m"));
    // and the hourly rollups are the minute rollups summed by hour, row for row
    assertEquals(0, server.number("""
        SELECT count(*) FROM (SELECT kecamatan_id, metric_id, date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
                                     sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
                              FROM rollup_1m GROUP BY 1, 2, 3) m
        FULL JOIN rollup_hour h USING (kecamatan_id, metric_id, hour)
        WHERE h.count IS DISTINCT FROM m.count OR h.sum IS DISTINCT FROM m.sum
           OR h.min IS DISTINCT FROM m.min OR h.max IS DISTINCT FROM m.max"""));
    long sumPerGateway = 0;
    for (int b = 1; b <= batches; b++) {
      for (int i = 0; i < perBatch; i++) {
        sumPerGateway += (b - 1L) * perBatch + i;
      }
    }
    for (String k : kecamatan) {
      assertEquals(sumPerGateway, server.number("SELECT sum(r.sum)::bigint FROM rollup_1m r JOIN kecamatan k"
          + " ON k.id = r.kecamatan_id WHERE k.slug = ?", k), "rollup sum of " + k);
      // the newest reading of the last batch is the sensor's latest value
      assertEquals((long) batches * perBatch - 1, server.number("SELECT l.value::bigint FROM latest_value l"
          + " JOIN sensor s ON s.id = l.sensor_id WHERE s.external_id = ?", "s-" + k));
    }
    clients.forEach(c -> c.disconnect().await());
  }

  @Test
  void duplicateBatchIsStoredOnce() throws Exception {
    byte[] batch = Payloads.telemetry("bandung.coblong.t1", 100, 1, "aq-1", 4, 1);
    String topic = Payloads.topic("bandung", "coblong", "telemetry");
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "secret-1")) {
      // given a stored batch; when the same (gateway, boot, seq) is published again
      assertEquals(0, gw.publishAndAwaitReason(topic, batch));
      assertEquals(0, gw.publishAndAwaitReason(topic, batch));
    }
    // and again with the DUP flag, as a gateway redelivering after a reconnect does
    try (RawMqtt5Client raw = new RawMqtt5Client(server.mqttPort())) {
      assertEquals(0, raw.connect("bandung.coblong.t1", "bandung.coblong.t1", "secret-1").body()[1]);
      raw.publishQos1(9, topic, batch, true);
      RawMqtt5Client.Packet ack = raw.read();
      assertEquals(4, ack.type());
      assertTrue(ack.body().length == 2 || ack.body()[2] == 0, "PUBACK reason must be success");
    }

    // then it is acknowledged each time and stored once
    assertEquals(4, server.number("SELECT count(*) FROM reading"));
    assertEquals(4, server.number("SELECT sum(count) FROM rollup_1m"));
    assertEquals(1, server.number("SELECT count(*) FROM ingest_batch"));
  }

  @Test
  void duplicateBatchIsStoredOnceAcrossARestartAndANewBootIsStored() throws Exception {
    byte[] batch = Payloads.telemetry("bandung.coblong.t1", 200, 1, "aq-1", 5, 1);
    String topic = Payloads.topic("bandung", "coblong", "telemetry");
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "secret-1")) {
      assertEquals(0, gw.publishAndAwaitReason(topic, batch));
    }

    // when the server restarts and the gateway redelivers, then starts a new boot at seq 1
    server.restart();
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "secret-1")) {
      assertEquals(0, gw.publishAndAwaitReason(topic, batch));
      assertEquals(0, gw.publishAndAwaitReason(topic, Payloads.telemetry("bandung.coblong.t1", 201, 1, "aq-1", 5, 1)));
    }

    // then the redelivery is not stored again, the new boot's batch is
    assertEquals(10, server.number("SELECT count(*) FROM reading"));
    assertEquals(2, server.number("SELECT count(*) FROM ingest_batch"));
  }

  @Test
  void gatewayCannotPublishForAnotherKecamatanOrCity() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "secret-1")) {
      byte[] batch = Payloads.telemetry("bandung.coblong.t1", 1, 1, "aq-1", 2, 1);
      // when it publishes under another kecamatan and another city
      int otherKecamatan = gw.publishAndAwaitReason(Payloads.topic("bandung", "andir", "telemetry"), batch);
      int otherCity = gw.publishAndAwaitReason(Payloads.topic("jakarta", "menteng", "telemetry"), batch);

      // then both are refused as not authorized, nothing is stored, both are dead letters
      assertEquals(0x87, otherKecamatan);
      assertEquals(0x87, otherCity);
      assertEquals(0, server.number("SELECT count(*) FROM reading"));
      assertEquals(2, server.number("SELECT count(*) FROM dead_letter WHERE reason = 'not_authorized'"));

      // and the connection stays up for its own topic
      assertTrue(gw.isConnected());
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), batch));
    }
  }
}
