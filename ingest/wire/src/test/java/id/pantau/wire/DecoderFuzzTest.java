package id.pantau.wire;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generator-based fuzzing of the payload decoders and the topic parser: tens of thousands of
 * mutations of valid input (byte flips, truncation, splices of JSON fragments, hostile tokens,
 * deep nesting) with a fixed seed, so a failure reproduces. Every input must end in a decoded
 * batch or a {@link RejectedException} with a specific reason, never another exception.
 */
class DecoderFuzzTest {
  private static final long NOW = 1_763_805_600_000L;
  private static final String GW = "bandung.coblong.gw1";
  private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0",
      "NaN", "\"readings\"", "\"value\"", "\"ts\"", "\"sensor\"", "\"metric\":\"pm25\"", "\u0000", "\\u0000", "\uD800",
      "99999999999999999999999", "\"gateway\":\"x\"", "\"seq\":-1", "[[[[[[[[", "{\"a\":{\"b\":{\"c\":", "\"events\"",
      "\"id\":\"" + "x".repeat(100) + "\"", "0.000000000000000000001", "\"boot\":1.5"};

  private final TelemetryDecoder telemetry = new TelemetryDecoder(DecodeLimits.protocolDefaults(Duration.ofDays(90)));
  private final ComplaintDecoder complaints = new ComplaintDecoder(DecodeLimits.protocolDefaults(Duration.ofDays(90)));

  @Test
  void mutatedTelemetryIsDecodedOrRejectedWithAReason() {
    fuzz(validTelemetry(), payload -> telemetry.decode(payload, GW, NOW), 20_000, 7);
  }

  @Test
  void mutatedComplaintsAreDecodedOrRejectedWithAReason() {
    String valid = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":2,\"events\":[{\"id\":\"BDG-1\",\"event\":\"created\","
        + "\"ts\":" + (NOW - 1000) + ",\"category\":\"banjir\",\"kelurahan\":\"dago\",\"lat\":-6.88,\"lon\":107.61,"
        + "\"channel\":\"lapor\",\"priority\":\"high\",\"text\":\"Air meluap\"},{\"id\":\"BDG-0\",\"event\":\"resolved\",\"ts\":"
        + (NOW - 500) + "}]}";
    fuzz(valid.getBytes(StandardCharsets.UTF_8), payload -> complaints.decode(payload, GW, NOW), 20_000, 11);
  }

  @Test
  void deepNestingAndHugeInputsAreRejectedNotCrashed() {
    byte[] deep = ("{\"gateway\":\"" + GW + "\",\"readings\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
        .getBytes(StandardCharsets.UTF_8);
    expectRejected(() -> telemetry.decode(deep, GW, NOW));
    byte[] longString = ("{\"gateway\":\"" + "g".repeat(900_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    expectRejected(() -> telemetry.decode(longString, GW, NOW));
    byte[] bigNumber = ("{\"gateway\":\"" + GW + "\",\"boot\":" + "9".repeat(500_000) + "}").getBytes(StandardCharsets.UTF_8);
    expectRejected(() -> telemetry.decode(bigNumber, GW, NOW));
  }

  @Test
  void randomTopicsNeverThrowAndOnlyWellFormedOnesParse() {
    SplittableRandom random = new SplittableRandom(3);
    String alphabet = "pantau/v1/bandung/coblong/telemetry+#$\u0000é-_.ABC ";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder(i % 3 == 0 ? "pantau/v1/" : "");
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      GatewayTopic t = GatewayTopic.parse(b.toString());
      if (t != null) {
        assertTrue(t.name().equals(b.toString()), "a parsed topic is exactly the input: " + b);
        assertTrue(GatewayTopic.isSlug(t.city()) && GatewayTopic.isSlug(t.kecamatan()));
      }
    }
  }

  private interface Decode {
    Object decode(byte[] payload) throws RejectedException;
  }

  private static void fuzz(byte[] valid, Decode decoder, int rounds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < rounds; i++) {
      byte[] input = mutate(valid, random);
      try {
        assertNotNull(decoder.decode(input));
        accepted++;
      } catch (RejectedException e) {
        assertNotNull(e.rejection().reason(), "a rejection names its reason");
        assertTrue(e.rejection().detail() != null && !e.rejection().detail().isBlank(),
            "a rejection explains itself: " + new String(input, StandardCharsets.UTF_8));
        rejected++;
      } catch (RuntimeException e) {
        fail("round " + i + " (seed " + seed + ") threw " + e + " for: " + new String(input, StandardCharsets.UTF_8), e);
      }
    }
    assertTrue(accepted > 0 && rejected > rounds / 2, "the fuzzer reaches both outcomes: " + accepted + "/" + rejected);
  }

  private static byte[] mutate(byte[] valid, SplittableRandom r) {
    List<Byte> bytes = new ArrayList<>(valid.length + 64);
    for (byte b : valid) {
      bytes.add(b);
    }
    int mutations = r.nextInt(4);
    for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
      int at = r.nextInt(bytes.size());
      switch (r.nextInt(5)) {
        case 0 -> bytes.set(at, (byte) r.nextInt(256));
        case 1 -> bytes.subList(at, bytes.size()).clear();
        case 2 -> bytes.remove(at);
        case 3 -> {
          byte[] f = FRAGMENTS[r.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8);
          for (int k = f.length - 1; k >= 0; k--) {
            bytes.add(at, f[k]);
          }
        }
        default -> bytes.add(at, bytes.get(r.nextInt(bytes.size())));
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  private static byte[] validTelemetry() {
    TelemetryBatch.Builder b = TelemetryBatch.builder();
    b.add("aq-coblong-01", Metric.PM25, NOW - 2000, 41.5);
    b.add("wl-cikapundung-01", Metric.WATER_LEVEL_CM, NOW - 1000, 182);
    return TelemetryEncoder.encode(b.build(new BatchId(GW, 1_763_805_600L, 1042)));
  }

  private interface Attempt {
    Object run() throws RejectedException;
  }

  private static void expectRejected(Attempt attempt) {
    try {
      attempt.run();
    } catch (RejectedException e) {
      return;
    } catch (RuntimeException e) {
      fail("threw " + e);
    }
    fail("accepted");
  }
}
