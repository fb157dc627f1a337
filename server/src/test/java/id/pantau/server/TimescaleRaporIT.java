package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.City;
import id.pantau.city.CityFiles;
import id.pantau.dashboard.rapor.Rapor;
import id.pantau.dashboard.rapor.RaporCalculator;
import id.pantau.dashboard.rapor.RaporInput;
import id.pantau.dashboard.rapor.RaporPeriod;
import id.pantau.dashboard.rapor.RaporStore;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import id.pantau.server.support.TimescaleDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On TimescaleDB the rapor reads ISPU days and siaga hours from the continuous aggregate
 * {@code rollup_1h}; before and after its refresh it answers as the minute rollups do.
 */
class TimescaleRaporIT {
  private static final long MINUTE = 60_000L;

  @Test
  void ispuDaysAndSiagaHoursFromTheHourlyAggregateEqualThoseFromTheMinuteRollups() throws Exception {
    TimescaleDatabases.assumeAvailable();
    City bandung = CityFiles.load("classpath:cities/bandung.json");
    try (var db = TimescaleDatabases.create("rapor", true); TestServer server = TestServer.start(Map.of("database.url", db.url()))) {
      TimescaleDatabases.pausePolicies(server);
      server.gateway("bandung.coblong.t1", "bandung", "coblong", "pw-c");
      long start = Instant.now().minus(50, ChronoUnit.HOURS).toEpochMilli();
      try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), "bandung.coblong.t1", "pw-c")) {
        // two days of pm25 every 7 minutes and the Cikapundung rising through every siaga level and back
        for (int batch = 0; batch < 10; batch++) {
          StringBuilder readings = new StringBuilder();
          for (int i = 0; i < 40; i++) {
            int n = batch * 40 + i;
            long ts = start + n * 7 * MINUTE;
            double level = 100 + 180 * Math.sin(Math.PI * n / 400.0);
            readings.append(readings.isEmpty() ? "" : ",")
                .append("{\"sensor\":\"aq-ts-rapor\",\"metric\":\"pm25\",\"ts\":").append(ts).append(",\"value\":")
                .append(10 + (n * 37 % 150)).append("},{\"sensor\":\"wl-cikapundung-01\",\"metric\":\"water_level_cm\",\"ts\":")
                .append(ts).append(",\"value\":").append(Math.round(level)).append('}');
          }
          assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(
              "{\"gateway\":\"bandung.coblong.t1\",\"boot\":1,\"seq\":" + (batch + 1) + ",\"readings\":[" + readings + "]}")));
        }
      }
      LocalDate today = LocalDate.now(bandung.timezone());
      RaporPeriod period = RaporPeriod.parse(null, today.minusDays(2).toString(), today.toString());
      int cityId = (int) server.number("SELECT id FROM city WHERE slug = 'bandung'");

      assertSameAnswers(server, bandung, cityId, period); // real time, nothing materialized
      server.execute("CALL refresh_continuous_aggregate('rollup_1h', NULL, now() - INTERVAL '1 hour')");
      assertSameAnswers(server, bandung, cityId, period); // materialized, and the last hour in real time
    }
  }

  private static void assertSameAnswers(TestServer server, City city, int cityId, RaporPeriod period) throws Exception {
    Instant from = period.previous().start(city.timezone());
    Instant to = period.end(city.timezone());
    RaporInput hourly = new RaporStore(server.db(), true).load(cityId, city.timezone(), from, to);
    RaporInput minutes = new RaporStore(server.db(), false).load(cityId, city.timezone(), from, to);
    assertEquals(sortedLevels(minutes), sortedLevels(hourly));
    assertTrue(minutes.waterLevels().size() >= 40, minutes.waterLevels().size() + " hours");
    assertEquals(minutes.air().size(), hourly.air().size());
    List<RaporInput.DailyMean> a = sortedAir(minutes);
    List<RaporInput.DailyMean> b = sortedAir(hourly);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).day(), b.get(i).day());
      assertEquals(a.get(i).mean(), b.get(i).mean(), 1e-9);
    }
    Instant asOf = Instant.now();
    Rapor viaMinutes = new RaporCalculator(city).compute(period, minutes, asOf);
    Rapor viaHours = new RaporCalculator(city).compute(period, hourly, asOf);
    for (String figure : List.of("ispu_days", "ispu_unhealthy_days", "siaga_hours", "siaga_hours:siaga_3", "siaga_hours:siaga_2",
        "siaga_hours:siaga_1", "data_completeness_pct")) {
      Rapor.Figure m = viaMinutes.kecamatan().stream().filter(p -> p.slug().equals("coblong")).findFirst().orElseThrow()
          .figures().get(figure);
      Rapor.Figure h = viaHours.kecamatan().stream().filter(p -> p.slug().equals("coblong")).findFirst().orElseThrow()
          .figures().get(figure);
      assertEquals(m.value(), h.value(), figure);
      assertEquals(m.items(), h.items(), figure);
    }
    assertTrue(viaHours.kecamatan().stream().filter(p -> p.slug().equals("coblong")).findFirst().orElseThrow()
        .figures().get("siaga_hours:siaga_1").value() > 0, "the river reached siaga 1");
  }

  private static List<RaporInput.HourlyMax> sortedLevels(RaporInput in) {
    List<RaporInput.HourlyMax> out = new ArrayList<>(in.waterLevels());
    out.sort(Comparator.comparing(RaporInput.HourlyMax::kecamatan).thenComparing(RaporInput.HourlyMax::hour));
    return out;
  }

  private static List<RaporInput.DailyMean> sortedAir(RaporInput in) {
    List<RaporInput.DailyMean> out = new ArrayList<>(in.air());
    out.sort(Comparator.comparing(RaporInput.DailyMean::kecamatan).thenComparing(RaporInput.DailyMean::day)
        .thenComparing(RaporInput.DailyMean::metric));
    return out;
  }
}
