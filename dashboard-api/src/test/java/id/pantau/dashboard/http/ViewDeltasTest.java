package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import id.pantau.dashboard.kpi.Snapshot;
import id.pantau.dashboard.view.JsonDelta;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewDeltasTest {
  private static final Snapshot A = Snapshot.of("{\"k\":[{\"slug\":\"a\",\"v\":1},{\"slug\":\"b\",\"v\":1}]}", Instant.EPOCH);
  private static final Snapshot B = Snapshot.of("{\"k\":[{\"slug\":\"a\",\"v\":2},{\"slug\":\"b\",\"v\":1}]}", Instant.EPOCH);
  private static final Snapshot C = Snapshot.of("{\"k\":[{\"slug\":\"a\",\"v\":2},{\"slug\":\"b\",\"v\":3}]}", Instant.EPOCH);

  @Test
  void aDeltaIsComputedOncePerChangeForEveryScreenThatHoldsItsBase() {
    ViewDeltas deltas = new ViewDeltas();
    deltas.sent("bandung/kecamatan", A);

    byte[] first = deltas.delta("bandung/kecamatan", A.etag(), B);
    byte[] second = deltas.delta("bandung/kecamatan", A.etag(), B);

    assertSame(first, second);
    assertEquals(1, deltas.computed());
    JsonObject data = new JsonObject(new String(first, StandardCharsets.UTF_8));
    assertEquals(A.etag(), data.getString("base"));
    assertEquals(B.etag(), data.getString("etag"));
    assertEquals(new JsonObject(B.body()), JsonDelta.apply(new JsonObject(A.body()), data.getJsonObject("patch")));
  }

  @Test
  void aScreenThatSkippedVersionsGetsNoDelta() {
    ViewDeltas deltas = new ViewDeltas();
    deltas.sent("bandung/kecamatan", A);
    deltas.sent("bandung/kecamatan", B);

    assertNull(deltas.delta("bandung/kecamatan", A.etag(), C), "A is two versions back");
    assertEquals(JsonDelta.apply(new JsonObject(B.body()), new JsonObject(new String(
        deltas.delta("bandung/kecamatan", B.etag(), C), StandardCharsets.UTF_8)).getJsonObject("patch")),
        new JsonObject(C.body()));
    assertNull(deltas.delta("bandung/kecamatan/regol", B.etag(), C), "another key has no versions yet");
  }
}
