package id.pantau.benchmarks;

import id.pantau.simulator.mqtt.ConnectOptions;
import id.pantau.simulator.mqtt.GatewayMqttClient;
import id.pantau.simulator.mqtt.MqttVersion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a JVM of its own (so the server's heap holds only the server's side of each
 * connection): opens one MQTT connection per gateway id in a file, keeps them open with
 * keep-alive, prints {@code connected N}, and exits when its standard input closes.
 *
 * <p>Usage: {@code ConnectionHolder PORT PASSWORD IDS-FILE}
 */
public final class ConnectionHolder {
  private ConnectionHolder() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String password = args[1];
    List<String> ids = Files.readAllLines(Path.of(args[2]));
    Vertx vertx = Vertx.vertx();
    NetClient net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30_000));
    List<GatewayMqttClient> clients = new ArrayList<>();
    int wave = 1000;
    for (int from = 0; from < ids.size(); from += wave) {
      List<Future<GatewayMqttClient>> part = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + wave))) {
        Promise<GatewayMqttClient> p = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> GatewayMqttClient.connect(vertx, net, "127.0.0.1", port,
            MqttVersion.V5, new ConnectOptions(id, id, password, true, 0, 120, null, null)).onComplete(p));
        part.add(p.future());
      }
      Future.join(part).toCompletionStage().toCompletableFuture().exceptionally(e -> null).join();
      for (Future<GatewayMqttClient> f : part) {
        if (f.succeeded()) {
          clients.add(f.result());
        } else {
          System.out.println("failed " + f.cause().getMessage());
        }
      }
      System.out.println("progress " + clients.size());
    }
    System.out.println("connected " + clients.size());
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold the connections until the parent closes our standard input
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
