package id.pantau.benchmarks;

import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.cli.Cli;
import id.pantau.wire.GatewayTopic;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The whole benchmark suite in one run: ingest against its COPY ceiling, message sizes,
 * Mosquitto with the same client code, the open-loop knee with latency at half of it and
 * publish-to-queryable, connections held with heap per connection, and (on TimescaleDB) the
 * compression of the reading hypertable and dashboard queries over it. Prints each figure
 * beside its baseline and target, and writes result.json and report.html.
 */
public final class BenchmarkSuite {
  private static final int GATEWAYS = 30;
  private static final int INFLIGHT = 64;

  private final SuiteOptions o;
  private final PrintStream out = System.out;
  private final List<Figure> figures = new ArrayList<>();
  private final List<KneeSweep.Step> sweep = new ArrayList<>();
  private final List<double[]> sizes = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** Half the knee's offered rate, msg/s, once the knee step found it: the rate the screens' steps feed. */
  private double halfKnee;

  private BenchmarkSuite(SuiteOptions o) {
    this.o = o;
  }

  public static void main(String[] args) throws Exception {
    SuiteOptions options = new SuiteOptions();
    Cli.parseOrExit(options, args, options::validate);
    System.exit(new BenchmarkSuite(options).run("java -jar benchmarks/target/pantau-benchmarks.jar " + String.join(" ", args)));
  }

  private int run(String command) throws Exception {
    long started = System.nanoTime();
    Machine machine;
    boolean lossless = true;
    try (BenchmarkServer bench = new BenchmarkServer(2, 256, o.database())) {
      machine = Machine.describe(bench.databaseVersion());
      out.println("== Pantau benchmark suite, profile " + o.profile().name() + " ==");
      out.println("machine: " + machine.line());
      List<ClosedLoop.Client> clients = pantauClients(bench.createGateways(GATEWAYS));
      double closedLoopMessages = 0;
      if (o.runs("ingest")) {
        out.println("\n[ingest] " + GATEWAYS + " gateways x " + INFLIGHT + " in flight, 100 readings/message, closed loop");
        ClosedLoop.Result r = ClosedLoop.run("127.0.0.1", bench.server().mqttPort(), clients, BenchmarkServer.PASSWORD,
            100, INFLIGHT, o.profile().warmup(), o.profile().duration());
        closedLoopMessages = r.messagesPerSecond();
        ExactlyOnce once = ExactlyOnce.check(bench, r);
        lossless &= once.holds();
        bench.execute("TRUNCATE reading");
        double copy = CopyBaseline.run(bench.db(), Math.max(500_000, r.ackedReadings()), 50_000, GATEWAYS * 25);
        Histogram h = r.latency();
        add(Figure.ratio("durable ingest, 100 readings/message", r.readingsPerSecond(), "readings/s",
            "binary COPY, 1 connection", copy, 0.9, "PUBACK after commit"));
        add(Figure.of("  messages/s at 100 readings/message", r.messagesPerSecond(), "msg/s", null));
        add(Figure.of("  PUBACK p50 (closed loop)", h.getValueAtPercentile(50) / 1e6, "ms", null));
        add(Figure.of("  PUBACK p99 (closed loop)", h.getValueAtPercentile(99) / 1e6, "ms", null));
        add(Figure.of("  PUBACK p99.9 (closed loop)", h.getValueAtPercentile(99.9) / 1e6, "ms", null));
        add(Figure.of("  CPU, benchmark JVM (server + clients)", r.coresBusy()[0], "cores", null));
        add(Figure.of("  CPU, PostgreSQL", r.coresBusy()[1], "cores", null));
        add(Figure.of("  exactly once: acked = claimed = stored = rolled up", once.holds() ? 1 : 0, "1 = yes",
            once.detail()));
        add(Figure.of("  server heap used at the end", heapMiB(), "MiB", "after a full GC"));
      }
      double oneReadingMessages = 0;
      if (o.runs("sizes")) {
        out.println("\n[sizes] the same gateways, 1, 100 and 1,000 readings per message");
        for (int size : new int[] {1, 100, 1000}) {
          bench.execute("TRUNCATE reading, ingest_batch, rollup_1m, rollup_hour, latest_value");
          ClosedLoop.Result r = ClosedLoop.run("127.0.0.1", bench.server().mqttPort(), clients, BenchmarkServer.PASSWORD,
              size, INFLIGHT, o.profile().warmup(), o.profile().sizeDuration());
          sizes.add(new double[] {size, r.readingsPerSecond(), r.messagesPerSecond(), r.latency().getValueAtPercentile(99) / 1e6});
          ExactlyOnce once = ExactlyOnce.check(bench, r);
          lossless &= once.holds();
          out.printf("  %,5d readings/message: %,10.0f readings/s  %,8.0f msg/s  p99 %.1f ms%n", size,
              r.readingsPerSecond(), r.messagesPerSecond(), r.latency().getValueAtPercentile(99) / 1e6);
          out.printf("        exactly once: %s (%s)%n", once.holds() ? "yes" : "NO", once.detail());
          if (size == 1) {
            oneReadingMessages = r.messagesPerSecond();
          }
          if (size == 100 && closedLoopMessages == 0) {
            closedLoopMessages = r.messagesPerSecond();
          }
        }
        add(Figure.ratio("readings/s at 1,000 vs 100 readings/message", sizes.get(2)[1], "readings/s",
            "100 readings/message", sizes.get(1)[1], null, null));
        add(Figure.ratio("readings/s at 1 vs 100 readings/message", sizes.get(0)[1], "readings/s",
            "100 readings/message", sizes.get(1)[1], null, null));
      }
      if (o.runs("mosquitto")) {
        mosquitto(oneReadingMessages);
      }
      if (o.runs("knee")) {
        knee(bench, closedLoopMessages);
      }
      if (o.runs("connections")) {
        connections(bench);
      }
      if (o.runs("pollers")) {
        new PollerStep(bench, o.pollers, o.pollerSeconds, o.pollerIngest, out).run().forEach(this::add);
      }
      if (o.runs("sse")) {
        new SseStep(bench, o.sse, o.sseQuery, o.sseSeconds, screensFeed(), out, notes).run().forEach(this::add);
      }
      if (o.runs("mixed")) {
        new MixedStep(bench, o.mixed, o.sseQuery, o.pollerSeconds, screensFeed(), out).run().forEach(this::add);
      }
      if (o.runs("rapor")) {
        new RaporBenchmark(bench, out, figures, notes).run(o.raporComplaintsPerDay());
      }
      if (o.runs("hypertable")) { // last: it replaces the readings and sensors with days of history
        new HypertableBenchmark(bench, out, figures, notes).run(o.hypertableDays(), o.hypertableRounds());
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    out.println("\n== Figures ==");
    figures.forEach(f -> out.println(f.line()));
    notes.forEach(n -> out.println("note: " + n));
    SuiteReport report = new SuiteReport(command, o.profile().name(), machine, figures, sweep, sizes, notes, minutes);
    report.write(o.out());
    out.printf("%nresult: %s/result.json, %s/report.html (%.1f minutes)%n", o.out(), o.out(), minutes);
    if (o.compare() != null) {
      out.println();
      out.print(report.compare(o.compare(), o.tolerance()));
    }
    return lossless ? 0 : 1;
  }

  private void mosquitto(double pantauOneReadingMessages) throws Exception {
    out.println("\n[mosquitto] the same client code, QoS 1, 1 reading/message, into Mosquitto (stores nothing)");
    int port = freePort();
    try (MosquittoBroker broker = MosquittoBroker.start(port)) {
      List<ClosedLoop.Client> clients = new ArrayList<>();
      for (int i = 0; i < GATEWAYS; i++) {
        clients.add(new ClosedLoop.Client("bench-mosquitto-" + i, "bench/" + i + "/telemetry"));
      }
      ClosedLoop.Result r = ClosedLoop.run("127.0.0.1", port, clients, "unused", 1, INFLIGHT,
          o.profile().warmup(), o.profile().sizeDuration());
      out.printf("  %s: %,.0f msg/s  p99 %.1f ms%n", broker.version(), r.messagesPerSecond(),
          r.latency().getValueAtPercentile(99) / 1e6);
      add(Figure.of("Mosquitto QoS 1, 1 reading/message", r.messagesPerSecond(), "msg/s", broker.version()));
      if (pantauOneReadingMessages > 0) {
        add(Figure.ratio("durable ingest, 1 reading/message", pantauOneReadingMessages, "msg/s",
            "Mosquitto QoS 1", r.messagesPerSecond(), 1.0, "Pantau commits every message; Mosquitto stores nothing"));
      }
    } catch (java.io.IOException e) {
      notes.add("Mosquitto baseline not measured: " + e.getMessage());
      out.println("  " + e.getMessage());
    }
  }

  private void knee(BenchmarkServer bench, double closedLoopMessages) throws Exception {
    if (closedLoopMessages <= 0) {
      notes.add("knee not measured: it needs the ingest or sizes step for its scale");
      return;
    }
    bench.createSimulatorGateways();
    double[] rates = new double[o.profile().sweepFractions().length];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = Math.round(closedLoopMessages * o.profile().sweepFractions()[i]);
    }
    out.printf("%n[knee] open loop through the simulator, 100 readings/message, steps of %d s (closed-loop max %,.0f msg/s)%n",
        o.profile().sweepStep().toSeconds(), closedLoopMessages);
    KneeSweep knee = new KneeSweep(bench.server().mqttPort(), BenchmarkServer.PASSWORD, 100, INFLIGHT,
        o.profile().sweepStep().toSeconds(), out);
    sweep.addAll(knee.sweep(rates));
    KneeSweep.Step best = KneeSweep.knee(sweep, o.p99BoundMillis());
    if (best == null) {
      notes.add("no step of the sweep kept p99 under " + o.p99BoundMillis() + " ms");
      return;
    }
    add(Figure.ratio("knee: highest offered rate with p99 < " + (int) o.p99BoundMillis() + " ms",
        best.offeredMessagesPerSecond() * 100, "readings/s", "closed-loop max", closedLoopMessages * 100, null,
        String.format("%,.0f msg/s", best.offeredMessagesPerSecond())));
    double half = best.offeredMessagesPerSecond() / 2;
    halfKnee = half;
    out.printf("  half the knee, %,.0f msg/s for %d s, every reading verified, with publish-to-queryable probes%n",
        half, o.profile().halfKnee().toSeconds());
    Vertx vertx = Vertx.vertx();
    try {
      bench.createGateway("bandung.coblong.probe", "coblong");
      var probes = new java.util.concurrent.CompletableFuture<Histogram>();
      Thread prober = new Thread(() -> {
        try {
          Thread.sleep(2000);
          probes.complete(QueryableProbe.measure(vertx, bench.server().mqttPort(), "bandung.coblong.probe",
              BenchmarkServer.PASSWORD, bench.db(), o.profile().probes()));
        } catch (Exception e) {
          probes.completeExceptionally(e);
        }
      }, "queryable-probe");
      prober.start();
      RunResult r = knee.run(half, o.profile().halfKnee().toSeconds(), bench.verifyTarget());
      Histogram q = probes.get();
      add(Figure.bound("PUBACK p99 at half the knee (open loop)", r.percentileMillis(99), "ms", 20,
          String.format("%,.0f msg/s offered, p50 %.1f ms", half, r.percentileMillis(50))));
      add(Figure.bound("publish-to-queryable p99 at half the knee", q.getValueAtPercentile(99) / 1e6, "ms", 1000,
          String.format("%d probes, p50 %.1f ms", q.getTotalCount(), q.getValueAtPercentile(50) / 1e6)));
      RunResult.Verification v = r.verification();
      add(Figure.bound("missing + duplicated readings at half the knee", v.missing() + v.duplicated(), "readings", 0,
          String.format("%,d acknowledged readings verified", v.acknowledgedReadings())));
    } finally {
      vertx.close().await();
    }
  }

  private void connections(BenchmarkServer bench) throws Exception {
    long limit = openFileLimit();
    out.println("\n[connections] idle gateway connections (MQTT 5, keep-alive 120 s), clients in a child JVM;"
        + " open-file limit " + limit);
    for (int n : o.profile().connections()) {
      if (n + 2_000 > limit) {
        notes.add(String.format("%,d connections not tried: the open-file limit is %,d (raise LimitNOFILE / ulimit -n)", n, limit));
        out.printf("  %,d: skipped, open-file limit %,d%n", n, limit);
        continue;
      }
      List<String> ids = bench.createConnectionGateways(n);
      ConnectionScale.Result r = ConnectionScale.hold(bench.server().mqttPort(), BenchmarkServer.PASSWORD, ids);
      out.printf("  %,d asked, %,d connected in %.1f s; server heap %,d -> %,d MiB (%,.0f bytes per connection)%n",
          r.asked(), r.connected(), r.seconds(), r.heapBefore() >> 20, r.heapAfter() >> 20, r.bytesPerConnection());
      add(Figure.bound(String.format("server heap with %,d connections", r.connected()), r.heapAfter() / 1048576.0,
          "MiB", 1024, String.format("%,.0f bytes per connection; %,d of %,d connected", r.bytesPerConnection(),
              r.connected(), r.asked())));
    }
  }

  /** Ingest during the screens' steps: half the knee when the knee step ran, else --poller-ingest. */
  private double screensFeed() {
    return halfKnee > 0 ? halfKnee : o.pollerIngest;
  }

  private void add(Figure f) {
    figures.add(f);
  }

  private static List<ClosedLoop.Client> pantauClients(List<String> gatewayIds) {
    List<ClosedLoop.Client> clients = new ArrayList<>();
    for (String id : gatewayIds) {
      String[] parts = id.split("\\.");
      clients.add(new ClosedLoop.Client(id, GatewayTopic.name(parts[0], parts[1], GatewayTopic.Kind.TELEMETRY)));
    }
    return clients;
  }

  private static double heapMiB() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  private static int freePort() throws java.io.IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static long openFileLimit() {
    return Machine.openFileLimit();
  }
}
