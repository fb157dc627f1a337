package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Fault;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counts what one fault did; added to from the event loop of the gateway it touches. */
final class FaultTally {
  final Fault fault;
  final LongAdder changed = new LongAdder();
  final LongAdder withheld = new LongAdder();
  final LongAdder implausible = new LongAdder();
  final LongAccumulator maxLagMillis = new LongAccumulator(Math::max, 0);
  volatile String stuckAt;
  volatile String silenced;

  FaultTally(Fault fault) {
    this.fault = fault;
  }

  FaultSummary summary() {
    return new FaultSummary(fault.number(), fault.effect().kind(), fault.describe(), changed.sum(), withheld.sum(),
        implausible.sum(), detail());
  }

  private String detail() {
    Fault.Effect e = fault.effect();
    if (e instanceof Fault.Stuck) {
      return stuckAt == null ? "" : "stuck at " + stuckAt;
    } else if (e instanceof Fault.ClockDrift) {
      return String.format("clock up to %.1f s behind", maxLagMillis.get() / 1000.0);
    } else if (e instanceof Fault.Dropout) {
      return silenced == null ? "" : "silenced " + silenced;
    } else if (e instanceof Fault.Spike s) {
      return "jumps of " + s.delta() + " with probability " + s.probability();
    } else if (e instanceof Fault.UnitMixup u) {
      return "values x " + u.factor();
    }
    return "";
  }
}
