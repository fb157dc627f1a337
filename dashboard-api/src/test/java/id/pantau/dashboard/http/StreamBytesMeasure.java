package id.pantau.dashboard.http;

import id.pantau.dashboard.testing.DashboardFixture;
import id.pantau.wire.BatchId;
import id.pantau.wire.Metric;
import id.pantau.wire.TelemetryBatch;
import id.pantau.wire.TelemetryEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (no assertion; its name keeps it out of the suites): the bytes per
 * second one wall screen is sent on the stream for the wall's views, whole and as deltas, identity
 * and gzip, while every kecamatan of Bandung reports as the simulator's scenario does (each
 * sensor once a minute, each kecamatan's gateway a batch every 5 s, the city's snapshot every
 * second). Run it on its own:
 * <pre>mvn -B -pl dashboard-api -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=StreamBytesMeasure</pre>
 */
class StreamBytesMeasure {
  private static final String WALL_VIEWS = "kecamatan,complaints,air,flood,ingest,alerts,quality";
  private static final int WARM_UP_S = 15;
  private static final int MEASURE_S = 60;
  /** The scenario's sensors of a kecamatan: an id prefix, how many, and the metrics each reports. */
  private static final Map<String, Metric[]> SENSORS = new LinkedHashMap<>();
  private static final Map<String, Integer> COUNT = Map.of("aq", 1, "tr", 2, "rn", 1, "wx", 1, "ns", 1, "sl", 6,
      "wb", 4);

  static {
    SENSORS.put("aq", new Metric[] {Metric.PM25, Metric.PM10, Metric.NO2, Metric.CO, Metric.O3, Metric.SO2});
    SENSORS.put("tr", new Metric[] {Metric.TRAFFIC_COUNT, Metric.TRAFFIC_SPEED_KMH});
    SENSORS.put("rn", new Metric[] {Metric.RAINFALL_MM});
    SENSORS.put("wx", new Metric[] {Metric.TEMPERATURE_C, Metric.HUMIDITY_PCT});
    SENSORS.put("ns", new Metric[] {Metric.NOISE_DB});
    SENSORS.put("sl", new Metric[] {Metric.STREETLIGHT_POWER_W});
    SENSORS.put("wb", new Metric[] {Metric.BIN_FILL_PCT});
  }

  private record Sensor(String id, Metric[] metrics, int minute) {
  }

  @Test
  void bytesPerScreenPerSecond() throws Exception {
    try (DashboardFixture dashboard = DashboardFixture.start(Map.of("http.snapshotInterval", "1s",
        "http.stream.maxConnectionsPerAddress", 10))) {
      dashboard.truncate();
      List<String> kecamatan = new ArrayList<>();
      new JsonObject(new String(getClass().getResourceAsStream("/cities/bandung.json").readAllBytes()))
          .getJsonArray("kecamatan").forEach(k -> kecamatan.add(((JsonObject) k).getString("slug")));
      Map<String, List<Sensor>> sensors = new LinkedHashMap<>();
      Random random = new Random(19);
      for (String k : kecamatan) {
        dashboard.gateway(gateway(k), "bandung", k);
        List<Sensor> of = new ArrayList<>();
        SENSORS.forEach((prefix, metrics) -> {
          for (int i = 1; i <= COUNT.get(prefix); i++) {
            of.add(new Sensor(prefix + "-" + k + "-0" + i, metrics, random.nextInt(60)));
          }
        });
        sensors.put(k, of);
      }
      for (Object g : new JsonObject(new String(getClass().getResourceAsStream("/cities/bandung.json").readAllBytes()))
          .getJsonArray("riverGauges", new JsonArray())) {
        JsonObject gauge = (JsonObject) g;
        sensors.get(gauge.getString("kecamatan")).add(new Sensor(gauge.getString("sensor"),
            new Metric[] {Metric.WATER_LEVEL_CM}, random.nextInt(60)));
      }
      // a minute of reports first, so that every kecamatan shows data, as on a live wall
      for (int second = 0; second < 60; second += 5) {
        report(dashboard, sensors, second, random, true);
      }
      Map<String, String> screens = new LinkedHashMap<>();
      screens.put("whole, identity", "/api/v1/stream");
      screens.put("whole, gzip", "gzip /api/v1/stream");
      screens.put("deltas, identity", "/api/v1/stream?deltas=true&views=" + WALL_VIEWS);
      screens.put("deltas, gzip", "gzip /api/v1/stream?deltas=true&views=" + WALL_VIEWS);
      Map<String, AtomicLong> bytes = new LinkedHashMap<>();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<InputStream> open = new ArrayList<>();
      screens.forEach((name, path) -> bytes.put(name, read(client, dashboard.httpPort(), path, open)));
      long start = System.nanoTime();
      Map<String, Long> atMeasureStart = new LinkedHashMap<>();
      for (int second = 60; ; second++) {
        long due = start + (second - 59) * 1_000_000_000L;
        while (System.nanoTime() < due) {
          Thread.sleep(5); // the load's clock: one reporting step per second
        }
        report(dashboard, sensors, second, random, false);
        if (second == 60 + WARM_UP_S) {
          bytes.forEach((name, n) -> atMeasureStart.put(name, n.get()));
        }
        if (second == 60 + WARM_UP_S + MEASURE_S) {
          break;
        }
      }
      String view = new String(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + dashboard.httpPort() + "/api/v1/kecamatan")).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
      System.out.printf("kecamatan view: %,d bytes; %d s measured after %d s%n", view.length(), MEASURE_S, WARM_UP_S);
      bytes.forEach((name, n) -> System.out.printf("%-18s %,10.0f bytes/s per screen%n", name,
          (n.get() - atMeasureStart.get(name)) / (double) MEASURE_S));
      System.out.println("health streams: " + new JsonObject(new String(client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + dashboard.httpPort() + "/api/v1/health")).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body())).getJsonObject("api").getJsonObject("streams"));
      for (InputStream in : open) {
        in.close();
      }
    }
  }

  private static String gateway(String kecamatan) {
    return "bandung." + kecamatan + ".gw1";
  }

  /** Each kecamatan's gateway sends a batch every 5 s (staggered): its sensors that were due in those 5 s. */
  private static void report(DashboardFixture dashboard, Map<String, List<Sensor>> sensors, int second, Random random,
                             boolean everyKecamatan) throws Exception {
    int index = 0;
    for (Map.Entry<String, List<Sensor>> k : sensors.entrySet()) {
      if (everyKecamatan || (second + index++) % 5 == 0) {
        long now = System.currentTimeMillis();
        TelemetryBatch.Builder batch = TelemetryBatch.builder(16);
        int readings = 0;
        for (Sensor s : k.getValue()) {
          int sinceDue = Math.floorMod(second - s.minute(), 60);
          if (sinceDue < 5) {
            for (Metric m : s.metrics()) {
              batch.add(s.id(), m, now - sinceDue * 1000L, value(m, random));
              readings++;
            }
          }
        }
        if (readings > 0) {
          dashboard.telemetry("bandung", k.getKey(), TelemetryEncoder.encode(batch.build(
              new BatchId(gateway(k.getKey()), 1, second))));
        }
      }
    }
  }

  private static double value(Metric m, Random random) {
    return switch (m) {
      case PM25 -> 20 + random.nextInt(30);
      case PM10 -> 30 + random.nextInt(40);
      case WATER_LEVEL_CM -> 80 + random.nextInt(20);
      case TEMPERATURE_C -> 22 + random.nextInt(8);
      case HUMIDITY_PCT, BIN_FILL_PCT -> 40 + random.nextInt(50);
      case NOISE_DB -> 50 + random.nextInt(30);
      default -> 10 + random.nextInt(100);
    };
  }

  /** Opens a screen (a path prefixed "gzip " asks for gzip) and counts the bytes it is sent, as sent. */
  private static AtomicLong read(HttpClient client, int port, String path, List<InputStream> open) {
    boolean gzip = path.startsWith("gzip ");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + (gzip ? path.substring(5) : path)));
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    AtomicLong count = new AtomicLong();
    try {
      InputStream in = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()).body();
      open.add(in);
      Thread reader = new Thread(() -> {
        byte[] buffer = new byte[64 * 1024];
        try {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count.addAndGet(n);
          }
        } catch (java.io.IOException closed) {
          // measured
        }
      });
      reader.setDaemon(true);
      reader.start();
    } catch (Exception e) {
      throw new IllegalStateException(path, e);
    }
    return count;
  }
}
