package id.pantau.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md's catalogue is what gateway authors read: it must say what the code checks. */
class MetricCatalogueReferenceTest {
  @Test
  void protocolReferenceListsEveryMetricWithItsUnitAndPlausibleRange() throws Exception {
    String reference = Files.readString(Path.of("../../docs/PROTOCOL.md"));
    List<String> missing = new ArrayList<>();
    for (Metric m : Metric.values()) {
      String row = "| `" + m.wireName() + "` | " + m.unit() + " | " + number(m.plausible().min()) + " to "
          + number(m.plausible().max()) + " |";
      if (!reference.contains(row)) {
        missing.add(row);
      }
    }
    assertTrue(missing.isEmpty(), "docs/PROTOCOL.md lacks or misstates: " + missing);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
