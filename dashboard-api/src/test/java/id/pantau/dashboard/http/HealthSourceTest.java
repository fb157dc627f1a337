package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthSourceTest {
  private static final HealthSource INGEST = new HealthSource() {
    @Override
    public boolean storeAvailable() {
      return true;
    }

    @Override
    public JsonObject details() {
      return new JsonObject().put("storedBatches", 3);
    }
  };

  @Test
  void aSectionIsAddedToWhatTheSourceReportsAndComputedAtEachRequest() {
    AtomicBoolean failing = new AtomicBoolean();
    HealthSource health = INGEST.with(() -> new HealthSection("timescaledb",
        new JsonObject().put("failingJobs", failing.get() ? 1 : 0), failing.get()));

    assertTrue(health.storeAvailable());
    assertEquals(3, health.details().getInteger("storedBatches"));
    assertEquals(1, health.sections().size());
    assertEquals(false, health.sections().get(0).degraded());
    failing.set(true);
    assertEquals(true, health.sections().get(0).degraded());
    assertEquals(1, health.sections().get(0).body().getInteger("failingJobs"));
    assertEquals(0, INGEST.sections().size(), "none by default");
  }
}
