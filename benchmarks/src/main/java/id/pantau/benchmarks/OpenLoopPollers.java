package id.pantau.benchmarks;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Polling screens against the running server: {@link PollerClient} in a child JVM, so that the
 * load client's CPU is measured apart from the server's, and the server's JVM CPU over the same
 * time from this one (the ingest feed runs in a JVM of its own, {@link IngestFeed}), between the client's
 * {@code measuring} and {@code measured} lines.
 */
final class OpenLoopPollers {
  /** One run's figures; bytes are the answers' status lines, headers and bodies as sent. */
  record Result(String path, String acceptEncoding, int connections, double seconds, long requests, long ok,
                long notModified, long failed, long bytes, double p50Ms, double p99Ms, double p999Ms, double maxMs,
                double clientCpuCores, double serverJvmCpuCores) {
    double bytesPerScreenPerSecond() {
      return bytes / (double) connections / seconds;
    }

    double notModifiedShare() {
      return requests == 0 ? 0 : (double) notModified / requests;
    }
  }

  private OpenLoopPollers() {
  }

  /** @param acceptEncoding {@code identity} (no header) or the header's value */
  static Result run(int port, String path, String acceptEncoding, int connections, int warmupSeconds, int seconds)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
        // Netty's allocator registers JFR events on first use: seconds of an event loop on a loaded machine
        "-Dio.netty.jfr.enabled=false", "-cp", System.getProperty("java.class.path"),
        PollerClient.class.getName(), String.valueOf(port), path, acceptEncoding, String.valueOf(connections),
        String.valueOf(warmupSeconds), String.valueOf(seconds)).redirectErrorStream(true).start();
    JsonObject r = null;
    long cpuFrom = 0;
    long wallFrom = 0;
    double serverCores = Double.NaN;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("measuring")) {
          cpuFrom = jvmCpuNanos();
          wallFrom = System.nanoTime();
        } else if (line.equals("measured")) {
          serverCores = (jvmCpuNanos() - cpuFrom) / (double) (System.nanoTime() - wallFrom);
        } else if (line.startsWith("result ")) {
          r = new JsonObject(line.substring(7));
        } else if (!line.isBlank()) {
          System.out.println("    client: " + line);
        }
      }
    } finally {
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    if (r == null) {
      throw new IllegalStateException("the poller client ended without a result (exit " + child.exitValue() + ")");
    }
    return new Result(path, acceptEncoding, connections, r.getDouble("seconds"), r.getLong("requests"),
        r.getLong("ok"), r.getLong("notModified"), r.getLong("failed"), r.getLong("bytes"), r.getDouble("p50Ms"),
        r.getDouble("p99Ms"), r.getDouble("p999Ms"), r.getDouble("maxMs"), r.getDouble("clientCpuCores"), serverCores);
  }

  private static long jvmCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
