package id.pantau.dashboard.kpi;

import static id.pantau.dashboard.TestCities.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.quality.Completeness;
import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.PollutantMean;
import id.pantau.dashboard.readmodel.SensorValue;
import id.pantau.wire.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileStatusTest {
  static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

  @ParameterizedTest(name = "pm25 {0} µg/m³: ISPU {1} {2}, tile {3}")
  @CsvSource({"10, 32, BAIK, NORMAL", "40, 81, SEDANG, NORMAL", "55.4, 100, SEDANG, NORMAL",
      "60, 105, TIDAK_SEHAT, WATCH", "200, 250, SANGAT_TIDAK_SEHAT, WARNING", "300, 340, BERBAHAYA, DANGER"})
  void anOrdinaryDayIsNormalAndOnlyTidakSehatAndAboveRaiseATile(double pm25, int ispu, AirQualityIndex.Category category,
                                                               TileStatus.Level level) {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, pm25, 24)));
    assertEquals(ispu, air.byKecamatan().get("coblong").ispu());
    assertEquals(category, air.byKecamatan().get("coblong").category());

    TileStatus coblong = TileStatus.of(snapshot(), air, null, null, null).get("coblong");

    assertEquals(level, coblong.level());
    assertEquals(level == TileStatus.Level.NORMAL ? List.of() : List.of(new TileStatus.Reason("ispu", level)),
        coblong.reasons());
  }

  @Test
  void theRegulationsColoursNameEachCategory() {
    List<String> colours = new ArrayList<>();
    for (AirQualityIndex.Category c : AirQualityIndex.Category.values()) {
      colours.add(c.indonesian() + "=" + c.colour());
    }
    assertEquals(List.of("Baik=green", "Sedang=blue", "Tidak Sehat=yellow", "Sangat Tidak Sehat=red",
        "Berbahaya=black"), colours);
  }

  @Test
  void theWorstReasonDecidesAndEveryReasonIsListedWorstFirst() {
    // given Sedang air, a gauge at siaga 2, one complaint past its target and an open watch alert in coblong
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 40, 24)));
    FloodStatus flood = FloodStatus.of(List.of(TestCities.CIKAPUNDUNG),
        List.of(value("wl-cikapundung-01", "coblong", "water_level_cm", 210, T)));
    ComplaintStatus complaints = complaints("coblong", 1);
    List<TileStatus.OpenAlert> alerts = List.of(new TileStatus.OpenAlert("coblong", "watch"),
        new TileStatus.OpenAlert(null, "danger"));

    Map<String, TileStatus> status = TileStatus.of(snapshot(), air, flood, complaints, alerts);

    assertEquals(new TileStatus(TileStatus.Level.WARNING, List.of(new TileStatus.Reason("flood", TileStatus.Level.WARNING),
        new TileStatus.Reason("breaches", TileStatus.Level.WATCH), new TileStatus.Reason("alert", TileStatus.Level.WATCH))),
        status.get("coblong"));
    // a city-wide alert (no kecamatan) colours no tile; sukajadi has no data at all
    assertEquals(TileStatus.Level.NO_DATA, status.get("sukajadi").level());
  }

  @Test
  void manyBreachesWarnAndOpenComplaintsAloneAreNormal() {
    assertEquals(TileStatus.Level.WARNING,
        TileStatus.of(snapshot(), null, null, complaints("coblong", 5), null).get("coblong").level());
    assertEquals(TileStatus.Level.NORMAL,
        TileStatus.of(snapshot(), null, null, complaints("coblong", 0), null).get("coblong").level());
  }

  @Test
  void aKecamatanWithLatestValuesIsNormalAndAnUnconfiguredOneIsIgnored() {
    KecamatanSnapshot withData = KecamatanSnapshot.of(TestCities.refs("bandung", 1),
        List.of(value("aq-1", "sukajadi", "temperature_c", 24, T)), List.of(), List.of(), List.of());
    AirQuality elsewhere = AirQuality.of(List.of(new PollutantMean("old", Metric.PM25, 300, 24)));

    Map<String, TileStatus> status = TileStatus.of(withData, elsewhere, null, null,
        List.of(new TileStatus.OpenAlert("old", "danger")));

    assertEquals(List.of("coblong", "sukajadi"), List.copyOf(status.keySet()));
    assertEquals(TileStatus.Level.NO_DATA, status.get("coblong").level());
    assertEquals(TileStatus.Level.NORMAL, status.get("sukajadi").level());
  }

  @Test
  void anIspuFromTooFewHoursMakesTheTileThinNotColoured() {
    // given Berbahaya PM2.5 measured in 10 of the 24 hours
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 300, 600, 10, 24)));

    TileStatus coblong = TileStatus.of(snapshot(), air, null, null, null).get("coblong");

    assertEquals(new TileStatus(TileStatus.Level.INSUFFICIENT,
        List.of(new TileStatus.Reason("thin_data", TileStatus.Level.INSUFFICIENT))), coblong);
    assertEquals("insufficient", coblong.level().wireName());
  }

  @Test
  void thinDataNeverHidesAHazard() {
    // given thin air data and a gauge at siaga 2 in coblong
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 40, 60, 1, 24)));
    FloodStatus flood = FloodStatus.of(List.of(TestCities.CIKAPUNDUNG),
        List.of(value("wl-cikapundung-01", "coblong", "water_level_cm", 210, T)));

    TileStatus coblong = TileStatus.of(snapshot(), air, flood, null, null).get("coblong");

    assertEquals(new TileStatus(TileStatus.Level.WARNING, List.of(new TileStatus.Reason("flood", TileStatus.Level.WARNING),
        new TileStatus.Reason("thin_data", TileStatus.Level.INSUFFICIENT))), coblong);
  }

  @Test
  void aDayWithLessThanHalfItsReadingsIsThin() {
    Instant from = T.minusSeconds(86_400);
    Map<String, Completeness> day = Map.of("coblong", new Completeness(from, T, 1440, 700, 48.6));
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 40, 24)));

    TileStatus coblong = TileStatus.of(snapshot(), air, null, null, null, day).get("coblong");

    assertEquals(TileStatus.Level.INSUFFICIENT, coblong.level());
    assertEquals(List.of(new TileStatus.Reason("thin_data", TileStatus.Level.INSUFFICIENT)), coblong.reasons());
  }

  @Test
  void halfADayIsEnoughAndAFewExpectedReadingsJudgeNothing() {
    Instant from = T.minusSeconds(86_400);
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 40, 24)));

    assertEquals(TileStatus.Level.NORMAL, TileStatus.of(snapshot(), air, null, null, null,
        Map.of("coblong", new Completeness(from, T, 1440, 720, 50.0))).get("coblong").level());
    // a sensor first seen minutes before the hour closed: 1 of 3 expected
    assertEquals(TileStatus.Level.NORMAL, TileStatus.of(snapshot(), air, null, null, null,
        Map.of("coblong", new Completeness(from, T, 3, 1, 33.3))).get("coblong").level());
  }

  private static KecamatanSnapshot snapshot() {
    return KecamatanSnapshot.of(TestCities.refs("bandung", 1), List.<SensorValue>of(), List.of(), List.of(), List.of());
  }

  /** One open complaint in {@code kecamatan}, with {@code breaches} more open past their target. */
  private static ComplaintStatus complaints(String kecamatan, int breaches) {
    List<ComplaintRow> rows = new ArrayList<>();
    for (int i = 0; i < breaches; i++) {
      rows.add(new ComplaintRow("c" + i, kecamatan, "banjir", T.minusSeconds(86_400), null, "in_progress"));
    }
    return new ComplaintStatus(1 + breaches, Map.of(kecamatan, Map.of("banjir", 1L + breaches)), 0, null, rows,
        List.of());
  }
}
