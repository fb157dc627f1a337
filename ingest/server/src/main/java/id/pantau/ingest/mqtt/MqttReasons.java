package id.pantau.ingest.mqtt;

import id.pantau.ingest.IngestOutcome;
import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;

/**
 * The one place where ingest outcomes and Pantau's refusals become MQTT acknowledgements and
 * reason codes, for both protocol versions.
 */
final class MqttReasons {
  private MqttReasons() {
  }

  /**
   * How a connection answers one publish.
   *
   * @param acknowledge whether a PUBACK (QoS 1) or PUBREC (QoS 2) goes out
   * @param code its reason code (MQTT 5; MQTT 3.1.1 acknowledgements carry none, so it is 0 there)
   * @param refusal why the message was refused, or null: kept as a dead letter, sent as the reason
   *     string (MQTT 5) and on the gateway's {@code errors} topic
   * @param disconnect close the connection with this reason instead of answering, or null
   * @param why for the log and the DISCONNECT's reason string
   */
  record Answer(boolean acknowledge, MqttPubAckReasonCode code, Rejection refusal, MqttDisconnectReasonCode disconnect,
                String why) {
    MqttPubRecReasonCode pubRecCode() {
      return MqttPubRecReasonCode.valueOf(code.value());
    }
  }

  /** The one mapping from what became of a publish to what the gateway hears. */
  static Answer answer(IngestOutcome outcome, int protocolVersion) {
    boolean v5 = isMqtt5(protocolVersion);
    return outcome.match(new IngestOutcome.Cases<>() {
      @Override
      public Answer stored() {
        return new Answer(true, MqttPubAckReasonCode.SUCCESS, null, null, "stored");
      }

      @Override
      public Answer duplicate() {
        return new Answer(true, MqttPubAckReasonCode.SUCCESS, null, null, "stored before");
      }

      @Override
      public Answer refused(Rejection rejection) {
        // MQTT 3.1.1 has no reason codes: a normal acknowledgement, and the reason on the errors topic
        return new Answer(true, v5 ? pubAck(rejection.reason()) : MqttPubAckReasonCode.SUCCESS, rejection, null,
            rejection.toString());
      }

      @Override
      public Answer busy(String why) {
        // not acknowledged, and the gateway told to go away: it redelivers after reconnecting
        return new Answer(false, null, null, MqttDisconnectReasonCode.QUOTA_EXCEEDED,
            "server overloaded (" + why + "); reconnect and redeliver later");
      }

      @Override
      public Answer shuttingDown() {
        // not acknowledged, and the connection left open: the batches committed before it still
        // get their PUBACKs while the server drains; this one is redelivered to the next server
        return new Answer(false, null, null, null, "server shutting down");
      }
    });
  }

  static boolean isMqtt5(int protocolVersion) {
    return protocolVersion == MqttVersion.MQTT_5.protocolLevel();
  }

  /**
   * MQTT 5 allows only some codes in a PUBACK (§3.4.2.1); 0x95 Packet Too Large is not one of
   * them, so an oversized payload is acknowledged with 0x97 Quota Exceeded and the reason
   * string (the errors topic still carries packet_too_large).
   */
  static MqttPubAckReasonCode pubAck(RejectReason reason) {
    return switch (reason) {
      case PAYLOAD_FORMAT_INVALID -> MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
      case NOT_AUTHORIZED -> MqttPubAckReasonCode.NOT_AUTHORIZED;
      case QUOTA_EXCEEDED, PACKET_TOO_LARGE -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
      case TOPIC_NAME_INVALID -> MqttPubAckReasonCode.TOPIC_NAME_INVALID;
      case IMPLEMENTATION_SPECIFIC_ERROR -> MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    };
  }

  static MqttPubRecReasonCode pubRec(RejectReason reason) {
    return switch (reason) {
      case PAYLOAD_FORMAT_INVALID -> MqttPubRecReasonCode.PAYLOAD_FORMAT_INVALID;
      case NOT_AUTHORIZED -> MqttPubRecReasonCode.NOT_AUTHORIZED;
      case QUOTA_EXCEEDED, PACKET_TOO_LARGE -> MqttPubRecReasonCode.QUOTA_EXCEEDED;
      case TOPIC_NAME_INVALID -> MqttPubRecReasonCode.TOPIC_NAME_INVALID;
      case IMPLEMENTATION_SPECIFIC_ERROR -> MqttPubRecReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    };
  }

  /** MQTT 5 reason string property; clients show it next to the code. */
  static MqttProperties reasonString(String text) {
    MqttProperties props = new MqttProperties();
    // MQTT 5 §3.4.2.2.2: the server must not send a reason string larger than the client accepts;
    // ours stay short.
    props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(),
        text.length() > 256 ? text.substring(0, 253) + "..." : text));
    return props;
  }

  enum ConnectRefusal { BAD_CREDENTIALS, IDENTIFIER_INVALID, SERVER_UNAVAILABLE, SERVER_BUSY, RATE_LIMITED, NOT_AUTHORIZED }

  static MqttConnectReturnCode connack(ConnectRefusal refusal, int protocolVersion) {
    boolean v5 = isMqtt5(protocolVersion);
    return switch (refusal) {
      case BAD_CREDENTIALS -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
          : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
      case IDENTIFIER_INVALID -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
          : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
      case SERVER_UNAVAILABLE -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
      case SERVER_BUSY -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
      // too many failed logins: MQTT 5 says so (0x9F); 3.1.1 has only "not authorized"
      case RATE_LIMITED -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
          : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
      case NOT_AUTHORIZED -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
          : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    };
  }
}
