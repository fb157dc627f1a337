package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.NodeProcess;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.Ports;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordinary stop (SIGTERM) of a node on its embedded PostgreSQL, with a gateway connected:
 * everything stops in order — the gateway is marked offline while the database is still there,
 * then the pool, then PostgreSQL — and the log has no warning and no error.
 */
class NormalStopIT {
  @TempDir
  Path dir;

  @Test
  void ordinaryStopMarksGatewaysOfflineAndLogsNoWarningOrError() throws Exception {
    // given a node on its embedded database with a connected gateway that has delivered data
    int mqttPort = Ports.free();
    NodeProcess node = NodeProcess.embedded(dir, "stop", new JsonObject()
        .put("mqtt", new JsonObject().put("port", mqttPort))
        .put("gateways", new JsonObject().put("provisionDefaults", true)));
    int exit;
    try (node) {
      node.startAndAwait("Pantau started");
      String[] gw = Files.readAllLines(dir.resolve("stop-credentials/bandung-gateways.csv")).get(1).split(",");
      try (Mqtt5Gateway gateway = Mqtt5Gateway.connect(mqttPort, gw[0], gw[2])) {
        assertEquals(0, gateway.publishAndAwaitReason(Payloads.topic("bandung", gw[1], "telemetry"),
            Payloads.telemetry(gw[0], 1, 1, "stop-s1", 5, 1)));

        // when it is stopped as systemd or Docker stop it
        exit = node.stop();
      }
    }

    // then it stopped in order, quietly, and its PostgreSQL with it
    String log = node.log();
    String stopping = log.substring(log.indexOf("Pantau stopping"));
    List<String> complaints = stopping.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")
        || l.contains("Exception") || l.startsWith("\tat ")).toList();
    System.out.printf("normal stop: exit %d, log from 'Pantau stopping':%n%s%n", exit, stopping);
    assertTrue(complaints.isEmpty(), "warnings or errors on an ordinary stop: " + complaints);
    assertTrue(stopping.contains("gateways of this node marked offline count=1"), stopping);
    assertTrue(stopping.contains("Pantau stopped"), stopping);
    assertFalse(Files.exists(dir.resolve("stop-postgres/postmaster.pid")), "PostgreSQL stopped (its pid file is gone)");
  }
}
