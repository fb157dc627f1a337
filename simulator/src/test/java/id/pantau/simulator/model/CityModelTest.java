package id.pantau.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioReader;
import id.pantau.simulator.scenario.SensorType;
import id.pantau.wire.Metric;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CityModelTest {
  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final long T0 = 1_763_942_400_000L; // any fixed instant

  @Test
  void trafficPeaksMorningAndEveningAndIsQuietAtNight() {
    double night = DailyPatterns.traffic(3);
    double morning = DailyPatterns.traffic(7.25);
    double midday = DailyPatterns.traffic(12.5);
    double evening = DailyPatterns.traffic(17.5);
    assertTrue(morning > midday && evening > midday, morning + " " + midday + " " + evening);
    assertTrue(midday > 3 * night, midday + " vs night " + night);
  }

  @Test
  void pm25FollowsTrafficWithALagAndRainWashesItOut() {
    assertTrue(DailyPatterns.pm25(8.5, 0) > DailyPatterns.pm25(3, 0) * 2);
    // an hour after the morning peak PM2.5 is higher than at the peak itself
    assertTrue(DailyPatterns.pm25(8.25, 0) > DailyPatterns.pm25(7.25, 0));
    assertTrue(DailyPatterns.pm25(8.5, 30) < DailyPatterns.pm25(8.5, 0) * 0.6);
  }

  @Test
  void temperatureIsCoolestBeforeDawnAndWarmestInTheAfternoon() {
    double coolest = Double.MAX_VALUE;
    double warmest = -Double.MAX_VALUE;
    double coolestHour = 0;
    double warmestHour = 0;
    for (double h = 0; h < 24; h += 0.25) {
      double t = DailyPatterns.temperature(h, 0);
      if (t < coolest) {
        coolest = t;
        coolestHour = h;
      }
      if (t > warmest) {
        warmest = t;
        warmestHour = h;
      }
    }
    assertEquals(14, warmestHour, 0.5);
    assertEquals(2, coolestHour, 0.5);
    assertTrue(warmest - coolest > 8 && warmest < 32 && coolest > 14, coolest + ".." + warmest);
  }

  @Test
  void rainRaisesRainGaugesThenUpstreamThenDownstreamRiverLevelsThenBanjirComplaints() {
    Scenario bandung = ScenarioReader.builtIn("bandung");
    Scenario.RainEvent rain = bandung.rainEvents().get(0);
    ModelClock clock = new ModelClock(T0, JAKARTA, LocalTime.of(13, 0), 1);
    CityModel model = new CityModel(bandung, clock);
    Scenario.GaugeSpec upstream = gauge(bandung, "wl-cikapundung-01");
    Scenario.GaugeSpec downstream = gauge(bandung, "wl-cikapundung-04");

    double start = rain.startMinute();
    assertEquals(0, model.weather().rainMmPerHour("north", start - 1));
    assertTrue(model.weather().rainMmPerHour("north", start + rain.durationMinutes() / 2) > 40);
    double baseUp = model.river().levelCm(upstream, start);
    double baseDown = model.river().levelCm(downstream, start);
    assertEquals(upstream.baseCm(), baseUp, 1e-9);

    int upRises = firstMinuteAbove(model, upstream, baseUp + 20);
    int downRises = firstMinuteAbove(model, downstream, baseDown + 20);
    assertTrue(upRises > start, "the river rises after the rain starts: " + upRises);
    assertTrue(downRises > upRises + 20, "downstream rises later: " + upRises + " then " + downRises);
    double peakUp = 0;
    for (int m = 0; m < 600; m++) {
      peakUp = Math.max(peakUp, model.river().levelCm(upstream, m));
    }
    assertTrue(peakUp > upstream.siaga3Cm(), "the rain event takes the gauge into siaga: peak " + peakUp);

    Scenario.KecamatanSpec coblong = bandung.kecamatan().stream().filter(k -> k.slug().equals("coblong")).findFirst().orElseThrow();
    ComplaintGenerator complaints = new ComplaintGenerator(bandung, coblong, model, 7, "t");
    assertEquals(0, complaints.floodRatePerHour(start), 1e-9);
    int floodReports = firstMinuteWithFloodReports(complaints);
    assertTrue(floodReports > upRises, "banjir reports follow the river: " + floodReports + " after " + upRises);
  }

  @Test
  void complaintsWalkTheirLifecycleInTimeOrderAndFloodsBringBanjirReports() {
    Scenario bandung = ScenarioReader.builtIn("bandung");
    ModelClock clock = new ModelClock(T0, JAKARTA, LocalTime.of(6, 0), 600); // ten model hours a real minute
    CityModel model = new CityModel(bandung, clock);
    Scenario.KecamatanSpec coblong = bandung.kecamatan().stream().filter(k -> k.slug().equals("coblong")).findFirst().orElseThrow();
    ComplaintGenerator g = new ComplaintGenerator(bandung, coblong, model, 7, "t");
    List<id.pantau.wire.ComplaintEvent> events = new ArrayList<>(g.due(clock.wallMillisAt(48 * 60)));
    assertTrue(g.created() > 10, "created " + g.created());
    assertTrue(g.createdByCategory().getOrDefault("banjir", 0) >= 5, "banjir " + g.createdByCategory());
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i).ts() >= events.get(i - 1).ts(), "events come out in time order");
    }
    String first = events.get(0).complaintId();
    List<String> lifecycle = events.stream().filter(e -> e.complaintId().equals(first)).map(e -> e.event().wireName()).toList();
    assertEquals("created", lifecycle.get(0));
    assertTrue(lifecycle.contains("resolved") || lifecycle.contains("rejected"), lifecycle.toString());
  }

  @Test
  void theSameSeedRepeatsTheSameValues() {
    Scenario bandung = ScenarioReader.builtIn("bandung");
    assertEquals(series(bandung, 42), series(bandung, 42));
    assertTrue(!series(bandung, 42).equals(series(bandung, 43)));
  }

  @Test
  void everySimulatedReadingIsPlausibleSoTheServerFlagsNoneOfThem() {
    // over two model days through the built-in rain event, every kind of sensor in every zone
    Scenario bandung = ScenarioReader.builtIn("bandung");
    CityModel model = new CityModel(bandung, new ModelClock(T0, JAKARTA, LocalTime.of(0, 0), 1));
    List<SensorSlot> slots = new ArrayList<>();
    long seed = 1;
    for (Scenario.KecamatanSpec k : bandung.kecamatan()) {
      for (SensorType type : SensorType.values()) {
        for (Metric m : type == SensorType.RIVER_GAUGE ? List.<Metric>of() : type.metrics()) {
          slots.add(new SensorSlot(seed++, type.idPrefix() + "-" + k.slug(), m, type, k.slug(), k.zone(), null,
              type.defaultIntervalSeconds()));
        }
      }
    }
    for (Scenario.GaugeSpec g : bandung.gauges()) {
      slots.add(new SensorSlot(seed++, g.sensor(), Metric.WATER_LEVEL_CM, SensorType.RIVER_GAUGE, g.kecamatan(), "north",
          g, 60));
    }
    for (SensorSlot slot : slots) {
      for (int minute = 0; minute < 48 * 60; minute += 7) {
        double v = model.value(slot, T0 + minute * 60_000L);
        assertTrue(slot.metric().plausible().contains(v), slot.sensor() + " " + slot.metric().wireName() + " " + v);
        // Bandung's own ranges (its city file): -10 to 50 C, every gauge 0 to 800 cm
        assertTrue(slot.metric() != Metric.TEMPERATURE_C || (v >= -10 && v <= 50), slot.sensor() + " " + v);
        assertTrue(slot.metric() != Metric.WATER_LEVEL_CM || (v >= 0 && v <= 800), slot.sensor() + " " + v);
      }
    }
  }

  private static List<Double> series(Scenario scenario, long seed) {
    CityModel model = new CityModel(scenario, new ModelClock(T0, JAKARTA, LocalTime.of(7, 0), 60));
    SensorSlot slot = new SensorSlot(seed, "aq-coblong-01", Metric.PM25, SensorType.AIR_QUALITY, "coblong", "north", null, 60);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      values.add(model.value(slot, T0 + i * 60_000L));
    }
    return values;
  }

  private static int firstMinuteAbove(CityModel model, Scenario.GaugeSpec g, double level) {
    for (int m = 0; m < 24 * 60; m++) {
      if (model.river().levelCm(g, m) > level) {
        return m;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static int firstMinuteWithFloodReports(ComplaintGenerator g) {
    for (int m = 0; m < 24 * 60; m++) {
      if (g.floodRatePerHour(m) > 0) {
        return m;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static Scenario.GaugeSpec gauge(Scenario s, String sensor) {
    return s.gauges().stream().filter(g -> g.sensor().equals(sensor)).findFirst().orElseThrow();
  }
}
