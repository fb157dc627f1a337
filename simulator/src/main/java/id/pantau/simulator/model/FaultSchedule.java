package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Fault;
import id.pantau.simulator.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The scenario's {@code faults}, attached to the sensor slots they touch. Everything random (which
 * readings spike, which sensors a gateway drops) comes from the run's seed, the fault's number and
 * the slot's name, never from a slot's own stream: a fault changes its target's readings and
 * nothing else, and the same seed scripts the same faults.
 */
public final class FaultSchedule {
  private final Scenario scenario;
  private final ModelClock clock;
  private final long seed;
  private final List<FaultTally> tallies = new ArrayList<>();
  private final List<SlotFaults> attached = new ArrayList<>();

  public FaultSchedule(Scenario scenario, ModelClock clock, long seed) {
    this.scenario = scenario;
    this.clock = clock;
    this.seed = seed;
    scenario.faults().forEach(f -> tallies.add(new FaultTally(f)));
  }

  /** Gives each slot of a gateway the faults that touch it (call once per gateway, before the run). */
  public void attach(String gatewayId, List<SensorSlot> slots) {
    Map<FaultTally, Set<String>> dropped = new HashMap<>();
    for (FaultTally t : tallies) {
      if (t.fault.effect() instanceof Fault.Dropout d && gatewayId.equals(t.fault.gateway())) {
        dropped.put(t, chooseDropped(t.fault, d.share(), slots));
      }
    }
    for (SensorSlot s : slots) {
      List<SlotFaults.Active> active = new ArrayList<>();
      for (FaultTally t : tallies) {
        if (touches(t, gatewayId, s, dropped.get(t))) {
          long stream = seed * 0x9E3779B97F4A7C15L ^ (t.fault.number() * 31L + (s.sensor() + "/" + s.metric().wireName()).hashCode());
          active.add(new SlotFaults.Active(t, new SplittableRandom(stream)));
        }
      }
      if (!active.isEmpty()) {
        SlotFaults faults = new SlotFaults(s.sensor() + "/" + s.metric().wireName(), List.copyOf(active), clock,
            scenario.plausibleRange(s.metric(), s.sensor()));
        s.faults(faults);
        synchronized (attached) {
          attached.add(faults);
        }
      }
    }
  }

  /** What each fault did, in the scenario's order. */
  public List<FaultSummary> summaries() {
    return tallies.stream().map(FaultTally::summary).toList();
  }

  /** Per slot ({@code sensor/metric}), the readings a fault changed; read after the run. */
  public Map<String, SlotFaults.Marks> marks() {
    Map<String, SlotFaults.Marks> out = new LinkedHashMap<>();
    synchronized (attached) {
      attached.forEach(f -> out.put(f.slot(), f.marks()));
    }
    return out;
  }

  private static boolean touches(FaultTally t, String gatewayId, SensorSlot s, Set<String> dropped) {
    Fault f = t.fault;
    if (f.metric() != null && f.metric() != s.metric()) {
      return false;
    }
    if (f.gateway() != null) {
      return gatewayId.equals(f.gateway()) && (dropped == null || dropped.contains(s.sensor()));
    }
    return f.sensor().equals(s.sensor());
  }

  /** A share of the gateway's sensors, at least one, chosen by the seed. */
  private Set<String> chooseDropped(Fault f, double share, List<SensorSlot> slots) {
    List<String> sensors = new ArrayList<>(new TreeSet<>(slots.stream().map(SensorSlot::sensor).toList()));
    Collections.shuffle(sensors, new Random(seed * 31 + f.number()));
    int n = Math.max(1, (int) Math.round(share * sensors.size()));
    Set<String> chosen = new TreeSet<>(sensors.subList(0, Math.min(n, sensors.size())));
    tallies.get(f.number() - 1).silenced = chosen.size() + " of " + sensors.size() + " sensors (" + abbreviate(chosen) + ")";
    return chosen;
  }

  private static String abbreviate(Set<String> ids) {
    List<String> list = new ArrayList<>(ids);
    return list.size() <= 6 ? String.join(", ", list) : String.join(", ", list.subList(0, 6)) + ", ...";
  }
}
