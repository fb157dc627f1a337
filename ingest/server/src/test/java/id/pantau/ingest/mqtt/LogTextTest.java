package id.pantau.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void controlCharactersBecomeEscapes() {
    String forged = LogText.escape("gw1\r\n10:00:00.000 INFO  gateway connected gateway=bandung.andir.gw1");
    assertFalse(forged.contains("\n") || forged.contains("\r"), forged);
    assertTrue(forged.startsWith("gw1\\u000d\\u000a10:00"), forged);
    assertEquals("a\\u0000b\\u001b[31m", LogText.escape("a\0b\u001b[31m"));
  }

  @Test
  void anOrdinaryIdIsReturnedAsIsAndALongOneCut() {
    String id = "bandung.coblong.gw1";
    assertSame(id, LogText.escape(id));
    assertEquals(203, LogText.escape("x".repeat(70_000)).length());
  }
}
