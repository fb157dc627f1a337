package id.pantau.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {
  @Test
  void aPasswordInsideAUrlIsMasked() {
    assertEquals("jdbc:postgresql://db:5432/pantau?user=pantau&password=***&ssl=true",
        SecretMasking.maskUrl("jdbc:postgresql://db:5432/pantau?user=pantau&password=s3cr%26t&ssl=true"));
    assertEquals("jdbc:postgresql://pantau:***@db/pantau", SecretMasking.maskUrl("jdbc:postgresql://pantau:hunter2@db/pantau"));
    assertEquals("tcp://pantau:***@emqx:1883", SecretMasking.maskUrl("tcp://pantau:hunter2@emqx:1883"));
    assertEquals("tcp://emqx:1883", SecretMasking.maskUrl("tcp://emqx:1883"));
  }

  @Test
  void theShownConfigurationHoldsNoSecret() {
    JsonObject config = new JsonObject()
        .put("database", new JsonObject().put("url", "jdbc:postgresql://db/p?password=hunter2").put("password", "hunter2"))
        .put("broker", new JsonObject().put("url", "tcp://u:hunter2@b:1883").put("password", "hunter2"))
        .put("security", new JsonObject().put("passwordIterations", 210000));
    String shown = SecretMasking.masked(config).encode();
    assertFalse(shown.contains("hunter2"), shown);
    assertEquals("hunter2", config.getJsonObject("database").getString("password"), "the configuration itself is untouched");
  }
}
