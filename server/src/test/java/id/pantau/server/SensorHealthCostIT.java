package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import id.pantau.city.City;
import id.pantau.city.CityFiles;
import id.pantau.dashboard.quality.QualityReport;
import id.pantau.dashboard.quality.SensorHealthConfig;
import id.pantau.dashboard.quality.SensorHealthMonitor;
import id.pantau.server.support.ServerIT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What sensor health costs a tick at Bandung's scale: about the simulator's 500 sensors, 40 of
 * them air-quality stations (six pollutants), 30 weather stations (two metrics), 30 noise meters
 * and the rest counters, lamps and bins, with a reading a minute over the 45-minute window. Prints
 * the assessment's time (no timed assertion: a shared CI machine's timings are not the code's);
 * the seeded sensors are removed again.
 */
class SensorHealthCostIT extends ServerIT {
  @Test
  void oneAssessmentOfBandungsScale() throws Exception {
    int cityId = (int) server.number("SELECT id FROM city WHERE slug = 'bandung'");
    try {
      seed(cityId);
      City bandung = CityFiles.load("classpath:cities/bandung.json");
      SensorHealthMonitor monitor = new SensorHealthMonitor(server.db(), SensorHealthConfig.defaults());
      List<Long> micros = new ArrayList<>();
      QualityReport report = null;
      for (int i = 0; i < 7; i++) {
        long t0 = System.nanoTime();
        report = monitor.assess(bandung, cityId, Instant.now(), List.of());
        micros.add((System.nanoTime() - t0) / 1_000);
      }
      micros.sort(null);
      System.out.println("sensor health assessment, " + report.sensors().size() + " sensors, "
          + server.number("SELECT count(*) FROM reading") + " readings stored over the 45-minute window (the checks read"
          + " those of the metrics they judge): median "
          + micros.get(3) / 1000 + " ms, min " + micros.get(0) / 1000 + " ms, max " + micros.get(6) / 1000 + " ms");
      assertEquals(500, report.sensors().stream().filter(s -> s.sensor().startsWith("cost-")).count());
    } finally {
      server.execute("DELETE FROM latest_value WHERE sensor_id IN (SELECT id FROM sensor WHERE external_id LIKE 'cost-%')");
      server.execute("DELETE FROM reading WHERE sensor_id IN (SELECT id FROM sensor WHERE external_id LIKE 'cost-%')");
      server.execute("DELETE FROM sensor WHERE external_id LIKE 'cost-%'");
    }
  }

  /** Sensor n's metrics: 0-39 air quality, 40-69 weather, 70-99 noise, the rest traffic (two metrics). */
  private static void seed(int cityId) throws Exception {
    server.execute("""
        INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway, first_seen)
        SELECT %d, 'cost-' || n, (SELECT id FROM kecamatan WHERE city_id = %d ORDER BY id OFFSET n %% 30 LIMIT 1),
          'cost-gw', now() - interval '2 days'
        FROM generate_series(0, 499) n""".formatted(cityId, cityId));
    server.execute("""
        WITH kinds AS (
          SELECT s.id, m.id AS metric_id FROM sensor s
          CROSS JOIN LATERAL (SELECT id FROM metric WHERE name = ANY (CASE
            WHEN substr(s.external_id, 6)::int < 40 THEN ARRAY['pm25','pm10','no2','co','o3','so2']
            WHEN substr(s.external_id, 6)::int < 70 THEN ARRAY['temperature_c','humidity_pct']
            WHEN substr(s.external_id, 6)::int < 100 THEN ARRAY['noise_db']
            ELSE ARRAY['traffic_count','traffic_speed_kmh'] END)) m
          WHERE s.external_id LIKE 'cost-%')
        INSERT INTO reading (ts, sensor_id, metric_id, value)
        SELECT date_trunc('minute', now()) - g * interval '1 minute', k.id, k.metric_id, 20 + random() * 10
        FROM kinds k CROSS JOIN generate_series(0, 44) g""");
    server.execute("""
        INSERT INTO latest_value (sensor_id, metric_id, ts, value, stored_at)
        SELECT DISTINCT ON (sensor_id, metric_id) sensor_id, metric_id, ts, value, now() FROM reading r
        WHERE sensor_id IN (SELECT id FROM sensor WHERE external_id LIKE 'cost-%') ORDER BY sensor_id, metric_id, ts DESC""");
    server.execute("ANALYZE reading");
  }
}
