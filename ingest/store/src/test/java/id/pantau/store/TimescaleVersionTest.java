package id.pantau.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimescaleVersionTest {
  @Test
  void versionsAsPgExtensionReportsThem() {
    assertEquals(new TimescaleVersion(2, 28, 3), TimescaleVersion.parse("2.28.3"));
    assertEquals(new TimescaleVersion(2, 11, 0), TimescaleVersion.parse("2.11.0-dev"));
    assertEquals(new TimescaleVersion(2, 9, 0), TimescaleVersion.parse("2.9"));
    assertThrows(IllegalArgumentException.class, () -> TimescaleVersion.parse("two"));
  }

  @Test
  void theOldestSupportedIsComparedNumericallyNotAsText() {
    assertTrue(TimescaleVersion.parse("2.28.3").supported());
    assertTrue(TimescaleVersion.parse("2.11.0").supported());
    assertTrue(TimescaleVersion.parse("3.0.0").supported());
    assertFalse(TimescaleVersion.parse("2.10.3").supported());
    assertFalse(TimescaleVersion.parse("2.9.3").supported(), "2.9 is older than 2.11, though '2.9' > '2.11' as text");
    assertFalse(TimescaleVersion.parse("1.7.5").supported());
  }
}
