package id.pantau.jmh;

import id.pantau.wire.GatewayTopic;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a publish's topic and the ACL check the server makes on every message (the topic
 * must lie under the gateway's own city and kecamatan), for an accepted and a refused topic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class TopicBenchmark {
  private final String city = "bandung";
  private final String kecamatan = "coblong";
  private String own = "pantau/v1/bandung/coblong/telemetry";
  private String foreign = "pantau/v1/bandung/regol/telemetry";

  @Benchmark
  public boolean parseAndCheckOwnTopic() {
    return allowed(own);
  }

  @Benchmark
  public boolean parseAndCheckForeignTopic() {
    return allowed(foreign);
  }

  private boolean allowed(String name) {
    GatewayTopic t = GatewayTopic.parse(name);
    return t != null && t.kind().fromGateway() && t.city().equals(city) && t.kecamatan().equals(kecamatan);
  }
}
