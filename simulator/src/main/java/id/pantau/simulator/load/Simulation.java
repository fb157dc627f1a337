package id.pantau.simulator.load;

import id.pantau.simulator.gateway.CityPlan;
import id.pantau.simulator.gateway.Credentials;
import id.pantau.simulator.gateway.GatewayPlan;
import id.pantau.simulator.gateway.GatewaySettings;
import id.pantau.simulator.gateway.SimulatedGateway;
import id.pantau.simulator.model.CityModel;
import id.pantau.simulator.model.FaultSchedule;
import id.pantau.simulator.model.ModelClock;
import id.pantau.simulator.mqtt.MqttConnectException;
import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioReader;
import id.pantau.simulator.verify.DatabaseVerifier;
import id.pantau.wire.TelemetryBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;

/** One simulator run: connect the city's gateways, send on schedule, drain, verify, measure. */
public final class Simulation {
  private static final long DRAIN_TIMEOUT_MILLIS = 30_000;
  private static final int LOGGED_EVENTS = 20;

  private final SimulationOptions options;
  private final PrintStream out;
  private final AtomicInteger logged = new AtomicInteger();

  public Simulation(SimulationOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public RunResult run() throws SimulationException, InterruptedException {
    Scenario scenario = ScenarioReader.load(options.scenario());
    Credentials credentials = credentials(scenario);
    double speed = options.speed() > 0 ? options.speed() : scenario.speed();
    ModelClock clock = new ModelClock(System.currentTimeMillis(), scenario.timezone(), scenario.clockStart(), speed);
    CityModel model = new CityModel(scenario, clock);
    String runId = "sim-" + Long.toString(System.currentTimeMillis() / 1000, 36);
    List<GatewayPlan> plans = CityPlan.build(scenario, model, options.seed(), options.sensorConnections(),
        options.complaints(), runId);
    FaultSchedule faults = new FaultSchedule(scenario, clock, options.seed());
    plans.forEach(p -> faults.attach(p.gatewayId(), p.slots()));
    int senders = (int) plans.stream().filter(p -> !p.slots().isEmpty()).count();
    int readingsPerMessage = options.batchReadings() > 0 ? options.batchReadings() : scenario.batchReadings();
    double totalMessageRate = options.messageRate() > 0 ? options.messageRate()
        : options.readingRate() > 0 ? options.readingRate() / readingsPerMessage : 0;
    GatewaySettings settings = new GatewaySettings(options.host(), options.port(), options.version(),
        options.cleanSession(), options.inflight() > 0 ? options.inflight() : scenario.inflight(),
        totalMessageRate > 0 ? totalMessageRate / Math.max(1, senders) : 0, readingsPerMessage,
        scenario.batchEverySeconds(), options.rampSeconds(), options.durationSeconds(),
        (long) (options.lateThresholdMillis() * 1e6), options.verifyDatabaseUrl() != null);
    int sensors = (int) plans.stream().flatMap(p -> p.slots().stream()).map(s -> s.sensor()).distinct().count();
    say("scenario " + scenario.name() + ": " + scenario.kecamatan().size() + " kecamatan, " + plans.size()
        + " connections, " + sensors + " sensors; target " + options.host() + ":" + options.port() + " MQTT "
        + options.version().label() + "; " + (totalMessageRate > 0
            ? String.format("%,.0f messages/s of %d readings", totalMessageRate, readingsPerMessage)
            : "natural pacing (a batch every " + scenario.batchEverySeconds() + " s per gateway)")
        + " for " + options.durationSeconds() + " s, seed " + options.seed());
    scenario.faults().forEach(f -> say("fault " + f.describe()));

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors())));
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulator-progress");
      t.setDaemon(true);
      return t;
    });
    try {
      NetClient net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000).setTcpNoDelay(true));
      RunCounters counters = new RunCounters();
      Recorder recorder = new Recorder(3_600_000_000_000L, 3);
      List<SimulatedGateway> gateways = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        GatewayPlan plan = plans.get(i);
        gateways.add(new SimulatedGateway(vertx, net, plan, credentials.secretOf(plan.gatewayId()), settings, model,
            counters, recorder, (double) i / plans.size(), this::event));
      }
      connectAll(gateways);

      long startNanos = System.nanoTime();
      long wallStart = System.currentTimeMillis();
      clock.startAt(wallStart);
      Progress progress = new Progress(counters, recorder, startNanos, out, options.quiet());
      gateways.forEach(g -> g.begin(startNanos, wallStart));
      ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
      if (options.chaosEverySeconds() > 0) {
        startChaos(ticker, gateways);
      }
      Thread.sleep((long) (options.durationSeconds() * 1000));
      ticker.shutdownNow();
      say("\nschedule finished; waiting up to " + DRAIN_TIMEOUT_MILLIS / 1000 + " s for outstanding acknowledgements");
      await(Future.join(gateways.stream().map(g -> g.finish(DRAIN_TIMEOUT_MILLIS)).toList()), DRAIN_TIMEOUT_MILLIS + 10_000);
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      progress.end();

      List<TelemetryBatch> acknowledged = new ArrayList<>();
      List<TelemetryBatch> unacknowledged = new ArrayList<>();
      gateways.forEach(g -> {
        acknowledged.addAll(g.acknowledged());
        unacknowledged.addAll(g.neverAcknowledged());
      });
      RunResult.Verification verification = null;
      if (options.verifyDatabaseUrl() != null) {
        say("verifying " + counters.ackedReadings.sum() + " acknowledged readings against " + options.verifyDatabaseUrl());
        verification = verify(scenario.city(), acknowledged, unacknowledged, faults, scenario.faults().size());
      }
      return new RunResult(options.command(), scenario.name(), options.host() + ":" + options.port(),
          options.version().label(), options.seed(), plans.size(), sensors, totalMessageRate, readingsPerMessage,
          options.durationSeconds(), elapsed, counters.scheduledMessages.sum(), counters.sentMessages.sum(),
          counters.sentReadings.sum(), counters.ackedMessages.sum(), counters.ackedReadings.sum(),
          counters.redeliveredMessages.sum(), counters.rejectedMessages.sum(), counters.complaintEventsAcked.sum(),
          counters.lateSends.sum(), counters.maxLatenessNanos.get() / 1e6, counters.reconnects.sum(),
          counters.downlinkMessages.sum(), unacknowledged.size(), counters.rejections(), counters.connectionErrors(),
          progress.total(), progress.timeline(), verification, faults.summaries());
    } finally {
      ticker.shutdownNow();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private Credentials credentials(Scenario scenario) throws SimulationException {
    if (options.secret() != null) {
      return Credentials.shared(options.secret());
    }
    Path file = options.credentials() != null ? options.credentials()
        : Path.of("data", "credentials", scenario.city() + "-gateways.csv");
    try {
      return Credentials.read(file);
    } catch (IOException e) {
      throw new SimulationException(e.getMessage());
    }
  }

  /** Connects at the configured rate, stopping at the first refusal: one bad secret means a wrong file. */
  private void connectAll(List<SimulatedGateway> gateways) throws SimulationException, InterruptedException {
    int wave = Math.max(1, options.connectRate());
    long started = System.nanoTime();
    for (int from = 0; from < gateways.size(); from += wave) {
      long waveStart = System.nanoTime();
      List<SimulatedGateway> part = gateways.subList(from, Math.min(gateways.size(), from + wave));
      try {
        await(Future.all(part.stream().map(SimulatedGateway::connectFirst).toList()), 60_000);
      } catch (SimulationException e) {
        throw new SimulationException("connecting gateways failed: " + e.getMessage());
      }
      if (gateways.size() > wave) {
        say(String.format("connected %,d of %,d gateways (%.1f s)", from + part.size(), gateways.size(),
            (System.nanoTime() - started) / 1e9));
      }
      long rest = 1_000_000_000L - (System.nanoTime() - waveStart);
      if (from + wave < gateways.size() && rest > 0) {
        TimeUnit.NANOSECONDS.sleep(rest);
      }
    }
    say("all " + gateways.size() + " gateways connected");
  }

  private void startChaos(ScheduledExecutorService ticker, List<SimulatedGateway> gateways) {
    Random random = new Random(options.seed());
    AtomicInteger round = new AtomicInteger();
    long every = (long) (options.chaosEverySeconds() * 1000);
    ticker.scheduleAtFixedRate(() -> {
      SimulatedGateway g = gateways.get(random.nextInt(gateways.size()));
      if (round.incrementAndGet() % 3 == 0) {
        event("chaos: restarting " + g.plan().gatewayId() + " (new boot)");
        g.restart();
      } else {
        event("chaos: dropping the connection of " + g.plan().gatewayId());
        g.dropConnection();
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  private RunResult.Verification verify(String city, List<TelemetryBatch> acknowledged, List<TelemetryBatch> unacknowledged,
      FaultSchedule faults, int faultCount) throws SimulationException {
    try {
      return new DatabaseVerifier(options.verifyDatabaseUrl(), options.verifyUser(), options.verifyPassword())
          .verify(city, acknowledged, unacknowledged, faults.marks(), faultCount);
    } catch (SQLException e) {
      throw new SimulationException("verification could not read the database at " + options.verifyDatabaseUrl()
          + ": " + e.getMessage());
    }
  }

  private static <T> T await(Future<T> future, long timeoutMillis) throws SimulationException, InterruptedException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new SimulationException(cause instanceof MqttConnectException ? cause.getMessage() : String.valueOf(cause));
    } catch (TimeoutException e) {
      throw new SimulationException("timed out after " + timeoutMillis / 1000 + " s");
    }
  }

  private void say(String line) {
    if (!options.quiet()) {
      out.println(line);
    }
  }

  /** Rejections, downlink messages and chaos: the first few are shown, all are counted. */
  private void event(String line) {
    int n = logged.incrementAndGet();
    if (n <= LOGGED_EVENTS) {
      out.println((System.console() != null ? "\n" : "") + line);
    } else if (n == LOGGED_EVENTS + 1) {
      out.println("(further events are counted in the report, not printed)");
    }
  }
}
