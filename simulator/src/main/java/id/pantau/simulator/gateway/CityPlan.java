package id.pantau.simulator.gateway;

import id.pantau.simulator.model.CityModel;
import id.pantau.simulator.model.ComplaintGenerator;
import id.pantau.simulator.model.SensorSlot;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.SensorType;
import id.pantau.wire.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scenario into connections. Normally each kecamatan has
 * {@code gatewaysPerKecamatan} gateways ({@code {city}.{kec}.gw1}, ...) sharing its sensors; in
 * sensor-connection mode every sensor connects on its own as {@code {city}.{kec}.gw{n}}, which
 * is how connection-scale tests reach thousands of clients.
 */
public final class CityPlan {
  private CityPlan() {
  }

  public static List<GatewayPlan> build(Scenario scenario, CityModel model, long seed, boolean sensorConnections,
      boolean complaints, String runId) {
    List<GatewayPlan> plans = new ArrayList<>();
    for (Scenario.KecamatanSpec k : scenario.kecamatan()) {
      List<List<SensorSlot>> sensors = sensorsOf(scenario, k, seed);
      ComplaintGenerator generator = complaints && scenario.complaintsPerKecamatanPerHour() >= 0
          ? new ComplaintGenerator(scenario, k, model, seed, runId) : null;
      int connections = sensorConnections ? sensors.size() : scenario.gatewaysPerKecamatan();
      List<List<SensorSlot>> perConnection = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        perConnection.add(new ArrayList<>());
      }
      for (int i = 0; i < sensors.size(); i++) {
        perConnection.get(i % connections).addAll(sensors.get(i));
      }
      for (int i = 0; i < connections; i++) {
        String id = scenario.city() + "." + k.slug() + ".gw" + (i + 1);
        plans.add(new GatewayPlan(id, scenario.city(), k.slug(), List.copyOf(perConnection.get(i)),
            i == 0 ? generator : null));
      }
    }
    return plans;
  }

  /** The kecamatan's sensors, each as the list of its metric slots; river gauges first. */
  private static List<List<SensorSlot>> sensorsOf(Scenario scenario, Scenario.KecamatanSpec k, long seed) {
    List<List<SensorSlot>> sensors = new ArrayList<>();
    for (Scenario.GaugeSpec g : scenario.gauges()) {
      if (g.kecamatan().equals(k.slug())) {
        sensors.add(List.of(new SensorSlot(seed, g.sensor(), Metric.WATER_LEVEL_CM, SensorType.RIVER_GAUGE,
            k.slug(), k.zone(), g, scenario.intervalSeconds(SensorType.RIVER_GAUGE))));
      }
    }
    for (var e : k.sensors().entrySet()) {
      SensorType type = e.getKey();
      for (int n = 1; n <= e.getValue(); n++) {
        String id = type.sensorId(k.slug(), n);
        List<SensorSlot> slots = new ArrayList<>();
        for (Metric m : type.metrics()) {
          slots.add(new SensorSlot(seed, id, m, type, k.slug(), k.zone(), null, scenario.intervalSeconds(type)));
        }
        sensors.add(slots);
      }
    }
    return sensors;
  }
}
