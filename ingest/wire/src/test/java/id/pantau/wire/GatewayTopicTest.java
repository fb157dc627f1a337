package id.pantau.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayTopicTest {

  @Test
  void everyKindParsesAndRoundTrips() {
    for (GatewayTopic.Kind kind : GatewayTopic.Kind.values()) {
      String name = "pantau/v1/bandung/bandung-wetan/" + kind.level();
      GatewayTopic t = GatewayTopic.parse(name);
      assertEquals("bandung", t.city());
      assertEquals("bandung-wetan", t.kecamatan());
      assertEquals(kind, t.kind());
      assertEquals(name, t.name());
    }
  }

  @Test
  void builtNamesParseBackToTheSameTopic() {
    for (GatewayTopic.Kind kind : GatewayTopic.Kind.values()) {
      String name = GatewayTopic.name("bandung", "bandung-wetan", kind);
      assertEquals("pantau/v1/bandung/bandung-wetan/" + kind.level(), name);
      assertEquals(GatewayTopic.of("bandung", "bandung-wetan", kind), GatewayTopic.parse(name));
    }
  }

  @Test
  void aNameIsNeverBuiltFromSomethingThatIsNotASlug() {
    assertThrows(IllegalArgumentException.class, () -> GatewayTopic.name("bandung", "co/blong", GatewayTopic.Kind.ALERTS));
    assertThrows(IllegalArgumentException.class, () -> GatewayTopic.name("Bandung", "coblong", GatewayTopic.Kind.ALERTS));
    assertThrows(IllegalArgumentException.class, () -> GatewayTopic.name("bandung", "coblong", null));
  }

  @Test
  void directionOfEachKind() {
    assertTrue(GatewayTopic.Kind.TELEMETRY.fromGateway());
    assertTrue(GatewayTopic.Kind.COMPLAINTS.fromGateway());
    assertTrue(GatewayTopic.Kind.STATUS.fromGateway());
    assertFalse(GatewayTopic.Kind.ALERTS.fromGateway());
    assertFalse(GatewayTopic.Kind.ERRORS.fromGateway());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "pantau/v2/bandung/coblong/telemetry", "x/v1/bandung/coblong/telemetry",
      "pantau/v1/bandung/telemetry", "pantau/v1/bandung/coblong/telemetry/extra", "pantau/v1/Bandung/coblong/telemetry",
      "pantau/v1/bandung/co_blong/telemetry", "pantau/v1//coblong/telemetry", "pantau/v1/bandung/coblong/",
      "pantau/v1/bandung/+/telemetry", "pantau/v1/bandung/#", "pantau/v1/-bandung/coblong/telemetry",
      "pantau/v1/bandung/coblong-/telemetry", "pantau/v1/bandung/coblong/metrics"})
  void invalidTopicsAreRefused(String topic) {
    assertNull(GatewayTopic.parse(topic));
  }

  @Test
  void overlongSlugAndTopicAreRefused() {
    assertNull(GatewayTopic.parse("pantau/v1/" + "a".repeat(65) + "/coblong/telemetry"));
    assertNull(GatewayTopic.parse("pantau/v1/bandung/" + "a".repeat(300) + "/telemetry"));
    assertEquals("a".repeat(64), GatewayTopic.parse("pantau/v1/" + "a".repeat(64) + "/x/status").city());
  }

  @Test
  void nullIsRefused() {
    assertNull(GatewayTopic.parse(null));
  }
}
