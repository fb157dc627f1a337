package id.pantau.dashboard.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.wire.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollutantMeanTest {
  @Test
  void anUntrustedSensorsReadingsAreTakenOutOfItsKecamatansMean() {
    // Coblong: 10 readings of mean 40, 4 of them (mean 70) from a stuck sensor; Sukajadi untouched
    List<PollutantMean> means = List.of(new PollutantMean("coblong", Metric.PM25, 40, 10),
        new PollutantMean("coblong", Metric.PM10, 50, 2), new PollutantMean("sukajadi", Metric.PM25, 30, 5));
    List<PollutantMean> stuck = List.of(new PollutantMean("coblong", Metric.PM25, 70, 4),
        new PollutantMean("coblong", Metric.PM10, 50, 2));

    List<PollutantMean> left = PollutantMean.without(means, stuck);

    // (400 - 280) / 6 = 20; PM10 had only the stuck sensor's readings: gone
    assertEquals(List.of(new PollutantMean("coblong", Metric.PM25, 20, 6), new PollutantMean("sukajadi", Metric.PM25, 30, 5)),
        left);
    assertEquals(means, PollutantMean.without(means, List.of()));
  }
}
