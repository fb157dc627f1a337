package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Scenario;
import java.util.List;

/** Rain intensity per zone over model time, from the scenario's rain events. */
public final class Weather {
  private final List<Scenario.RainEvent> events;

  public Weather(List<Scenario.RainEvent> events) {
    this.events = events;
  }

  /** mm/h falling on a zone at a model minute (overlapping events add up). */
  public double rainMmPerHour(String zone, double minute) {
    double total = 0;
    for (Scenario.RainEvent e : events) {
      if (e.zones().contains(zone)) {
        total += e.intensityAt(minute);
      }
    }
    return total;
  }

  /** Mean rain over a set of zones: what a river's catchment receives. */
  public double catchmentRain(List<String> zones, double minute) {
    double total = 0;
    for (String z : zones) {
      total += rainMmPerHour(z, minute);
    }
    return zones.isEmpty() ? 0 : total / zones.size();
  }
}
