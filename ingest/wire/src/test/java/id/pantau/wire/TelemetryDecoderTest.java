package id.pantau.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryDecoderTest {
  static final long NOW = 1_763_805_600_000L;
  static final String GW = "bandung.coblong.gw1";
  static final TelemetryDecoder DECODER = new TelemetryDecoder(DecodeLimits.protocolDefaults(Duration.ofDays(90)));

  static String reading(String sensor, String metric, Object ts, Object value) {
    return "{\"sensor\":" + sensor + ",\"metric\":" + metric + ",\"ts\":" + ts + ",\"value\":" + value + "}";
  }

  static String batch(String readings) {
    return "{\"gateway\":\"" + GW + "\",\"boot\":1763805600,\"seq\":1042,\"readings\":[" + readings + "]}";
  }

  static TelemetryBatch decode(String json) throws RejectedException {
    return DECODER.decode(json.getBytes(StandardCharsets.UTF_8), GW, NOW);
  }

  static Rejection rejection(String json) {
    return assertThrows(RejectedException.class, () -> decode(json)).rejection();
  }

  @Test
  void decodesTheProtocolExampleInAnyFieldOrderIgnoringUnknownFields() throws Exception {
    String json = "{\"readings\":[" + reading("\"aq-coblong-03\"", "\"pm25\"", NOW - 1877, 41.5) + ","
        + "{\"value\":182,\"ts\":" + (NOW - 2000) + ",\"extra\":{\"a\":[1,2]},\"metric\":\"water_level_cm\","
        + "\"sensor\":\"wl-cikapundung-01\"}],\"seq\":1042,\"firmware\":\"1.2\",\"boot\":1763805600,\"gateway\":\"" + GW + "\"}";
    TelemetryBatch b = decode(json);
    assertEquals(new BatchId(GW, 1763805600, 1042), b.id());
    assertEquals(2, b.size());
    assertEquals("aq-coblong-03", b.sensor(0));
    assertEquals(Metric.PM25, b.metric(0));
    assertEquals(NOW - 1877, b.timestamp(0));
    assertEquals(41.5, b.value(0));
    assertEquals(Metric.WATER_LEVEL_CM, b.metric(1));
    assertEquals(182.0, b.value(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON | hello | malformed JSON at line 1",
      "not an object | [1,2] | must be a JSON object",
      "trailing content | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1}]} {} | unexpected content after the batch",
      "missing gateway | {\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1}]} | missing field 'gateway'",
      "missing boot | {\"gateway\":\"bandung.coblong.gw1\",\"seq\":1,\"readings\":[{\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1}]} | missing field 'boot'",
      "missing readings | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":1} | missing field 'readings'",
      "readings not an array | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":1,\"readings\":{}} | 'readings' must be an array",
      "negative seq | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":-1,\"readings\":[]} | seq must not be negative",
      "boot as string | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":\"1\",\"seq\":1,\"readings\":[]} | boot must be an integer",
      "duplicate field | {\"gateway\":\"bandung.coblong.gw1\",\"gateway\":\"x\",\"boot\":1,\"seq\":1,\"readings\":[]} | gateway is given twice",
      "duplicate items | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1}],\"readings\":[]} | readings is given twice",
      "duplicate unknown field | {\"gateway\":\"bandung.coblong.gw1\",\"fw\":1,\"fw\":2,\"boot\":1,\"seq\":1,\"readings\":[]} | fw is given twice",
      "empty readings | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":1,\"readings\":[]} | 'readings' is empty",
      "item not an object | {\"gateway\":\"bandung.coblong.gw1\",\"boot\":1,\"seq\":1,\"readings\":[3]} | readings[0] must be an object"})
  void envelopeProblemsAreNamed(String name, String json, String detail) {
    Rejection r = rejection(json);
    assertEquals(RejectReason.PAYLOAD_FORMAT_INVALID, r.reason());
    assertTrue(r.detail().contains(detail), r.detail());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing sensor | {\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1} | missing field 'readings[1].sensor'",
      "value twice | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1,\"value\":2} | readings[1].value is given twice",
      "sensor twice | {\"sensor\":\"s\",\"metric\":\"pm25\",\"sensor\":\"t\",\"ts\":1763805600000,\"value\":1} | readings[1].sensor is given twice",
      "unknown field twice | {\"sensor\":\"s\",\"unit\":\"x\",\"metric\":\"pm25\",\"unit\":\"y\",\"ts\":1763805600000,\"value\":1} | readings[1].unit is given twice",
      "missing metric | {\"sensor\":\"s\",\"ts\":1763805600000,\"value\":1} | missing field 'readings[1].metric'",
      "missing ts | {\"sensor\":\"s\",\"metric\":\"pm25\",\"value\":1} | missing field 'readings[1].ts'",
      "missing value | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000} | missing field 'readings[1].value'",
      "ts as float | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1.7e12,\"value\":1} | readings[1].ts must be an integer",
      "ts as string | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":\"now\",\"value\":1} | readings[1].ts must be an integer",
      "value as string | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":\"1\"} | readings[1].value must be a number",
      "non-finite value | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1e999} | readings[1].value must be a finite number",
      "unknown metric | {\"sensor\":\"s\",\"metric\":\"pm3\",\"ts\":1763805600000,\"value\":1} | readings[1].metric 'pm3' is not in the metric catalogue",
      "bad sensor id | {\"sensor\":\"a b\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1} | readings[1].sensor 'a b' is not a valid id",
      "empty sensor id | {\"sensor\":\"\",\"metric\":\"pm25\",\"ts\":1763805600000,\"value\":1} | readings[1].sensor '' is not a valid id",
      "too far in the future | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1763805901000,\"value\":1} | readings[1].ts is 301 s in the future",
      "older than retention | {\"sensor\":\"s\",\"metric\":\"pm25\",\"ts\":1700000000000,\"value\":1} | readings[1].ts is older than the raw-data retention of 90 days"})
  void readingProblemsNameTheReading(String name, String badReading, String detail) {
    Rejection r = rejection(batch(reading("\"ok\"", "\"pm25\"", NOW, 1) + "," + badReading));
    assertEquals(RejectReason.PAYLOAD_FORMAT_INVALID, r.reason());
    assertTrue(r.detail().contains(detail), r.detail());
  }

  @Test
  void tooLongSensorIdIsRefused() {
    String id = "s".repeat(65);
    assertTrue(rejection(batch(reading("\"" + id + "\"", "\"pm25\"", NOW, 1))).detail().contains("is not a valid id"));
  }

  @Test
  void anotherGatewaysNameIsNotAuthorized() {
    String json = batch(reading("\"s\"", "\"pm25\"", NOW, 1)).replace(GW, "bandung.andir.gw1");
    assertEquals(RejectReason.NOT_AUTHORIZED, rejection(json).reason());
  }

  @Test
  void tenThousandReadingsAreAcceptedAndOneMoreIsAQuotaRefusal() throws Exception {
    String one = reading("\"s\"", "\"pm25\"", NOW, 1);
    String tenThousand = String.join(",", java.util.Collections.nCopies(10_000, one));
    assertEquals(10_000, decode(batch(tenThousand)).size());
    Rejection r = rejection(batch(tenThousand + "," + one));
    assertEquals(RejectReason.QUOTA_EXCEEDED, r.reason());
  }

  @Test
  void payloadOverOneMebibyteIsTooLarge() {
    byte[] big = new byte[DecodeLimits.PROTOCOL_MAX_PAYLOAD_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    Rejection r = assertThrows(RejectedException.class, () -> DECODER.decode(big, GW, NOW)).rejection();
    assertEquals(RejectReason.PACKET_TOO_LARGE, r.reason());
  }

  @Test
  void readingExactlyAtTheSkewLimitIsAccepted() throws Exception {
    assertEquals(1, decode(batch(reading("\"s\"", "\"pm25\"", NOW + 300_000, 1))).size());
  }

  @Test
  void encoderAndDecoderRoundTrip() throws Exception {
    TelemetryBatch original = TelemetryBatch.builder()
        .add("s-1", Metric.PM25, NOW - 1, 0.1)
        .add("s-2", Metric.TEMPERATURE_C, NOW - 2, -5)
        .add("s-3", Metric.CO, NOW - 3, 1e-9)
        .add("s.4_x", Metric.TRAFFIC_COUNT, NOW, 123456789012.0)
        .build(new BatchId(GW, 7, 99));
    TelemetryBatch decoded = DECODER.decode(TelemetryEncoder.encode(original), GW, NOW);
    assertEquals(original.id(), decoded.id());
    assertEquals(original.size(), decoded.size());
    for (int i = 0; i < original.size(); i++) {
      assertEquals(original.sensor(i), decoded.sensor(i));
      assertEquals(original.metric(i), decoded.metric(i));
      assertEquals(original.timestamp(i), decoded.timestamp(i));
      assertEquals(original.value(i), decoded.value(i));
    }
  }
}
