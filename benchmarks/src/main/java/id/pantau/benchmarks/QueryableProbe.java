package id.pantau.benchmarks;

import id.pantau.wire.GatewayTopic;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-queryable latency: a probe gateway publishes one reading at a time while the
 * load runs, and a reader polls the database every millisecond until the reading can be
 * selected. The time from publish to first sight is what a screen waits at best.
 */
final class QueryableProbe {
  private static final String FIND = """
      SELECT 1 FROM latest_value lv JOIN sensor s ON s.id = lv.sensor_id
      WHERE s.external_id = 'probe-queryable' AND lv.ts = to_timestamp(? / 1000.0)""";

  private QueryableProbe() {
  }

  static Histogram measure(Vertx vertx, int port, String gatewayId, String password, DataSource ds, int probes)
      throws Exception {
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(gatewayId).setUsername(gatewayId)
        .setPassword(password).setCleanSession(true));
    client.connect(port, "127.0.0.1").await();
    String[] parts = gatewayId.split("\\.");
    String topic = GatewayTopic.name(parts[0], parts[1], GatewayTopic.Kind.TELEMETRY);
    Histogram latency = new Histogram(60_000_000_000L, 3);
    long boot = System.currentTimeMillis() / 1000;
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
      for (int i = 1; i <= probes; i++) {
        long ts = System.currentTimeMillis();
        // a plausible level (20 to 140 dB(A)): an implausible one would be flagged and never reach latest_value
        String batch = "{\"gateway\":\"" + gatewayId + "\",\"boot\":" + boot + ",\"seq\":" + i
            + ",\"readings\":[{\"sensor\":\"probe-queryable\",\"metric\":\"noise_db\",\"ts\":" + ts
            + ",\"value\":" + (40 + i % 50) + "}]}";
        long sent = System.nanoTime();
        client.publish(topic, Buffer.buffer(batch), MqttQoS.AT_LEAST_ONCE, false, false);
        long deadline = sent + TimeUnit.SECONDS.toNanos(30);
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
          ps.setLong(1, ts);
          try (ResultSet rs = ps.executeQuery()) {
            seen = rs.next();
          }
          if (!seen) {
            Thread.sleep(1);
          }
        }
        latency.recordValue(Math.max(1, System.nanoTime() - sent));
        Thread.sleep(50);
      }
    } finally {
      client.disconnect().await();
    }
    return latency;
  }
}
