package id.pantau.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.ingest.IngestOutcome;
import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Promise;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every ingest outcome, answered for MQTT 5 and 3.1.1: the one mapping both versions go through. */
class MqttReasonsTest {
  private static final int V5 = MqttVersion.MQTT_5.protocolLevel();
  private static final int V311 = MqttVersion.MQTT_3_1_1.protocolLevel();
  private static final Rejection FOREIGN = new Rejection(RejectReason.NOT_AUTHORIZED, "readings[0].sensor 'x' is not yours");

  @Test
  void storedIsAPlainAcknowledgement() {
    for (int version : new int[] {V5, V311}) {
      MqttReasons.Answer a = MqttReasons.answer(IngestOutcome.STORED, version);
      assertTrue(a.acknowledge());
      assertEquals(MqttPubAckReasonCode.SUCCESS, a.code());
      assertNull(a.refusal());
      assertNull(a.disconnect());
    }
  }

  @Test
  void aDuplicateIsAcknowledgedAsIfStored() {
    for (int version : new int[] {V5, V311}) {
      MqttReasons.Answer a = MqttReasons.answer(IngestOutcome.DUPLICATE, version);
      assertTrue(a.acknowledge());
      assertEquals(MqttPubAckReasonCode.SUCCESS, a.code());
      assertNull(a.refusal());
    }
  }

  @Test
  void aRefusalCarriesItsReasonCodeUnderMqtt5AndTheErrorsTopicUnder311() {
    MqttReasons.Answer v5 = MqttReasons.answer(IngestOutcome.refused(FOREIGN), V5);
    assertTrue(v5.acknowledge());
    assertEquals(MqttPubAckReasonCode.NOT_AUTHORIZED, v5.code());
    assertEquals(MqttPubRecReasonCode.NOT_AUTHORIZED, v5.pubRecCode());
    assertEquals(FOREIGN, v5.refusal());

    MqttReasons.Answer v311 = MqttReasons.answer(IngestOutcome.refused(FOREIGN), V311);
    assertTrue(v311.acknowledge(), "3.1.1: a normal PUBACK, so the gateway does not redeliver it");
    assertEquals(MqttPubAckReasonCode.SUCCESS, v311.code());
    assertEquals(FOREIGN, v311.refusal(), "the reason goes to the errors topic and the dead letter");
  }

  @Test
  void packetTooLargeBecomesQuotaExceededWhichAPubAckMayCarry() {
    Rejection large = new Rejection(RejectReason.PACKET_TOO_LARGE, "payload of 2 MiB");
    assertEquals(MqttPubAckReasonCode.QUOTA_EXCEEDED, MqttReasons.answer(IngestOutcome.refused(large), V5).code());
  }

  @Test
  void busyIsNotAcknowledgedAndClosesTheConnectionWithQuotaExceeded() {
    for (int version : new int[] {V5, V311}) {
      MqttReasons.Answer a = MqttReasons.answer(new IngestOutcome.Busy("ingest buffer full"), version);
      assertFalse(a.acknowledge());
      assertEquals(MqttDisconnectReasonCode.QUOTA_EXCEEDED, a.disconnect());
      assertTrue(a.why().contains("ingest buffer full"), a.why());
    }
  }

  @Test
  void shuttingDownIsNotAcknowledgedAndLeavesTheConnectionOpen() {
    for (int version : new int[] {V5, V311}) {
      MqttReasons.Answer a = MqttReasons.answer(IngestOutcome.SHUTTING_DOWN, version);
      assertFalse(a.acknowledge());
      assertNull(a.disconnect());
    }
  }

  /** As Hono tests its adapters: the downstream outcome held in a promise; nothing is answered before it completes. */
  @Test
  void nothingIsAnsweredBeforeTheOutcomeIsKnown() {
    List<MqttReasons.Answer> sent = new ArrayList<>();
    for (IngestOutcome outcome : List.of(IngestOutcome.STORED, IngestOutcome.DUPLICATE, IngestOutcome.refused(FOREIGN))) {
      Promise<IngestOutcome> downstream = Promise.promise();
      downstream.future().onSuccess(o -> sent.add(MqttReasons.answer(o, V5)));
      assertTrue(sent.isEmpty(), "no PUBACK while the batch is not committed");
      downstream.complete(outcome);
      assertEquals(1, sent.size());
      assertTrue(sent.remove(0).acknowledge());
    }
  }
}
