package id.pantau.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplaintDecoderTest {
  static final long NOW = 1_763_805_600_000L;
  static final String GW = "bandung.coblong.gw1";
  static final ComplaintDecoder DECODER = new ComplaintDecoder(DecodeLimits.protocolDefaults(Duration.ofDays(90)));

  static ComplaintBatch decode(String events) throws RejectedException {
    String json = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":2,\"events\":[" + events + "]}";
    return DECODER.decode(json.getBytes(StandardCharsets.UTF_8), GW, NOW);
  }

  @Test
  void decodesTheProtocolExample() throws Exception {
    ComplaintBatch b = decode("{\"id\":\"BDG-2026-000123\",\"event\":\"created\",\"ts\":" + (NOW - 10_000)
        + ",\"category\":\"banjir\",\"kelurahan\":\"dago\",\"lat\":-6.8853,\"lon\":107.6133,\"channel\":\"lapor\","
        + "\"priority\":\"high\",\"text\":\"Air meluap di Jl. Taman Sari\"},"
        + "{\"id\":\"BDG-2026-000101\",\"event\":\"resolved\",\"ts\":" + (NOW - 5_000) + "}");
    assertEquals(2, b.size());
    ComplaintEvent created = b.events().get(0);
    assertEquals(ComplaintEvent.Lifecycle.CREATED, created.event());
    assertEquals("banjir", created.category());
    assertEquals(-6.8853, created.lat());
    assertEquals("Air meluap di Jl. Taman Sari", created.text());
    ComplaintEvent resolved = b.events().get(1);
    assertEquals(ComplaintEvent.Lifecycle.RESOLVED, resolved.event());
    assertNull(resolved.category());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "created without category | {\"id\":\"A\",\"event\":\"created\",\"ts\":1763805600000} | missing field 'events[0].category'",
      "unknown event | {\"id\":\"A\",\"event\":\"escalated\",\"ts\":1763805600000} | events[0].event 'escalated' is not one of",
      "unknown category | {\"id\":\"A\",\"event\":\"created\",\"ts\":1763805600000,\"category\":\"gempa\"} | events[0].category 'gempa' is not one of",
      "unknown channel | {\"id\":\"A\",\"event\":\"created\",\"ts\":1763805600000,\"category\":\"banjir\",\"channel\":\"fax\"} | events[0].channel 'fax'",
      "latitude out of range | {\"id\":\"A\",\"event\":\"created\",\"ts\":1763805600000,\"category\":\"banjir\",\"lat\":91} | events[0].lat must be between -90 and 90",
      "missing id | {\"event\":\"resolved\",\"ts\":1763805600000} | missing field 'events[0].id'",
      "event twice | {\"id\":\"A\",\"event\":\"resolved\",\"event\":\"closed\",\"ts\":1763805600000} | events[0].event is given twice",
      "text twice | {\"id\":\"A\",\"event\":\"resolved\",\"ts\":1763805600000,\"text\":\"a\",\"text\":\"b\"} | events[0].text is given twice"})
  void problemsNameTheEvent(String name, String event, String detail) {
    Rejection r = assertThrows(RejectedException.class, () -> decode(event)).rejection();
    assertEquals(RejectReason.PAYLOAD_FORMAT_INVALID, r.reason());
    assertTrue(r.detail().contains(detail), r.detail());
  }
}
