package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.readmodel.PollutantMean;
import id.pantau.wire.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class AirQualityTest {

  @Test
  void theWorsePollutantIsTheKecamatanIndexAndNamesItsCategory() {
    // given PM10 at 100 µg/m³ (ISPU 75) and PM2.5 at 60 µg/m³ (ISPU 105) in coblong
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM10, 100, 1440),
        new PollutantMean("coblong", Metric.PM25, 60, 1440)));

    AirQuality.KecamatanAir coblong = air.byKecamatan().get("coblong");
    assertEquals(105, coblong.ispu());
    assertEquals(Metric.PM25, coblong.critical().pollutant());
    assertEquals(AirQualityIndex.Category.TIDAK_SEHAT, coblong.category());
    assertEquals(List.of(75, 105), coblong.pollutants().stream().map(AirQuality.PollutantIndex::ispu).toList());
    assertEquals(1440, coblong.pollutants().get(0).readings());
  }

  @Test
  void onATieTheLaterPollutantIsCritical() {
    // PM10 50 µg/m³ and PM2.5 15.5 µg/m³ are both ISPU 50
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM10, 50, 10),
        new PollutantMean("coblong", Metric.PM25, 15.5, 10)));

    assertEquals(50, air.byKecamatan().get("coblong").ispu());
    assertEquals(Metric.PM25, air.byKecamatan().get("coblong").critical().pollutant());
    assertEquals(AirQualityIndex.Category.BAIK, air.byKecamatan().get("coblong").category());
  }

  @Test
  void eachKecamatanIsJudgedOnItsOwnInTheOrderGiven() {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 300, 10),
        new PollutantMean("sukajadi", Metric.PM10, 20, 10)));

    assertEquals(List.of("coblong", "sukajadi"), List.copyOf(air.byKecamatan().keySet()));
    assertEquals(AirQualityIndex.Category.BERBAHAYA, air.byKecamatan().get("coblong").category());
    assertEquals(20, air.byKecamatan().get("sukajadi").ispu());
  }

  @Test
  void aNegativeMeanCountsAsZeroButIsShownAsItIs() {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, -3, 10)));

    assertEquals(0, air.byKecamatan().get("coblong").ispu());
    assertEquals(-3, air.byKecamatan().get("coblong").critical().mean24h());
  }

  @Test
  void aNonFiniteMeanIsRefusedNotIndexed() {
    assertThrows(IllegalArgumentException.class,
        () -> AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, Double.NaN, 10))));
  }

  @Test
  void aDayWithFewerThan18HourlyMeansIsInsufficientAndItsIndexDecidesNothing() {
    // given PM2.5 at 300 µg/m³ (Berbahaya) measured in 17 of the 24 hours
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 300, 1020, 17, 24)));

    AirQuality.KecamatanAir coblong = air.byKecamatan().get("coblong");
    assertFalse(coblong.sufficient());
    assertEquals(17, coblong.hoursWithData());
    assertEquals(18, coblong.critical().hoursRequired());
  }

  @Test
  void eighteenHoursAreEnough() {
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 60, 1080, 18, 25)));

    assertTrue(air.byKecamatan().get("coblong").sufficient());
    assertEquals(105, air.byKecamatan().get("coblong").ispu());
  }

  @Test
  void aSensorFirstMeasuringWithinTheDayIsJudgedOnTheHoursSinceThen() {
    // given PM2.5 first measured 3 hours ago, in each of those hours; and PM2.5 elsewhere measured
    // since 20 hours ago but only in 5 of them (a sensor that went quiet)
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM25, 60, 180, 3, 3),
        new PollutantMean("sukajadi", Metric.PM25, 60, 300, 5, 20)));

    assertTrue(air.byKecamatan().get("coblong").sufficient());
    assertFalse(air.byKecamatan().get("sukajadi").sufficient());
  }

  @Test
  void theCriticalPollutantIsTheWorstOfThoseWithEnoughHours() {
    // given PM10 at 400 µg/m³ (ISPU 269) in only 4 hours, PM2.5 at 40 µg/m³ (Sedang) in all 24
    AirQuality air = AirQuality.of(List.of(new PollutantMean("coblong", Metric.PM10, 400, 240, 4, 24),
        new PollutantMean("coblong", Metric.PM25, 40, 1440, 24, 24)));

    AirQuality.KecamatanAir coblong = air.byKecamatan().get("coblong");
    assertTrue(coblong.sufficient());
    assertEquals(Metric.PM25, coblong.critical().pollutant());
    assertEquals(AirQualityIndex.Category.SEDANG, coblong.category());
  }
}
