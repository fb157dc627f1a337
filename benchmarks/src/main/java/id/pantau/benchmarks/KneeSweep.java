package id.pantau.benchmarks;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.load.Simulation;
import id.pantau.simulator.load.SimulationOptions;
import id.pantau.simulator.mqtt.MqttVersion;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offered load in steps, open loop, through the simulator: each step's PUBACK latency is
 * measured from when each batch was due, so an overloaded server shows as latency, not as a
 * generator that quietly slowed down. The knee is the highest offered rate whose p99 stays
 * under the bound.
 */
final class KneeSweep {
  record Step(double offeredMessagesPerSecond, double ackedMessagesPerSecond, double p50Millis, double p99Millis,
              long late, long scheduled) {
  }

  private final int port;
  private final String password;
  private final int readingsPerMessage;
  private final int inflight;
  private final double seconds;
  private final PrintStream log;

  KneeSweep(int port, String password, int readingsPerMessage, int inflight, double seconds, PrintStream log) {
    this.port = port;
    this.password = password;
    this.readingsPerMessage = readingsPerMessage;
    this.inflight = inflight;
    this.seconds = seconds;
    this.log = log;
  }

  List<Step> sweep(double[] rates) throws Exception {
    // the simulator's code path is cold until now: a short discarded run keeps JIT compilation out of step one
    run(rates[0], Math.min(3, seconds), null);
    List<Step> steps = new ArrayList<>();
    for (double rate : rates) {
      RunResult r = run(rate, seconds, null);
      Step s = new Step(rate, r.ackedMessages() / r.durationSeconds(), r.percentileMillis(50), r.percentileMillis(99),
          r.lateSends(), r.scheduledMessages());
      log.printf("  offered %,8.0f msg/s -> acked %,8.0f msg/s  p50 %7.1f ms  p99 %8.1f ms  late %,d of %,d%n",
          rate, s.ackedMessagesPerSecond(), s.p50Millis(), s.p99Millis(), s.late(), s.scheduled());
      steps.add(s);
    }
    return steps;
  }

  static Step knee(List<Step> steps, double p99BoundMillis) {
    Step best = null;
    for (Step s : steps) {
      if (s.p99Millis() <= p99BoundMillis && (best == null || s.offeredMessagesPerSecond() > best.offeredMessagesPerSecond())) {
        best = s;
      }
    }
    return best;
  }

  /** One open-loop run, verified against the database when one is given. */
  RunResult run(double messagesPerSecond, double durationSeconds, DatabaseTarget verify) throws Exception {
    SimulationOptions o = new SimulationOptions("127.0.0.1", port, MqttVersion.V3_1_1, "bandung", null, password,
        durationSeconds, 0, messagesPerSecond, 0, readingsPerMessage, inflight, 1, 0,
        true, false, false, 500, 0, 5, verify == null ? null : verify.url(), verify == null ? null : verify.user(),
        verify == null ? "" : verify.password(), Path.of("target", "knee"), true, "knee sweep");
    return new Simulation(o, new PrintStream(OutputStream.nullOutputStream())).run();
  }
}
