package id.pantau.benchmarks;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * SSE screens against the running server: {@link SseClient} in a child JVM (its CPU apart from
 * the server's), with {@link Window} told when the measured window starts and ends, while every
 * screen is still open: there the server is sampled.
 */
final class SseScreens {
  /** Called from the child's {@code measuring} and {@code measured} lines. */
  interface Window {
    void measuring() throws Exception;

    void measured() throws Exception;
  }

  /**
   * One run's client-side figures; bytes are every screen's response bodies as received (gzip:
   * compressed); events and lag are those of the {@code parsed} screens.
   */
  record Result(String uri, String acceptEncoding, int connections, long failed, long closed, double seconds,
                long bytes, int parsed, long events, double clientCpuCores, long lagSamples, double lagP50Ms, double lagP99Ms,
                double lagP999Ms, double lagMaxMs) {
    double bytesPerScreenPerSecond() {
      return bytes / (double) connections / seconds;
    }

    double eventsPerScreenPerSecond() {
      return events / (double) parsed / seconds;
    }
  }

  private SseScreens() {
  }

  static Result run(int port, String uri, String acceptEncoding, int connections, int warmupSeconds, int seconds,
                    Window window) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC", "-Dio.netty.jfr.enabled=false",
        "-cp", System.getProperty("java.class.path"), SseClient.class.getName(), String.valueOf(port), uri,
        acceptEncoding, String.valueOf(connections), String.valueOf(warmupSeconds), String.valueOf(seconds))
        .redirectErrorStream(true).start();
    JsonObject r = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
         OutputStream in = child.getOutputStream()) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("measuring")) {
          window.measuring();
        } else if (line.equals("measured")) {
          try {
            window.measured();
          } finally {
            in.write('\n');
            in.flush();
          }
        } else if (line.startsWith("result ")) {
          r = new JsonObject(line.substring(7));
        } else if (line.startsWith("connected ")) {
          String[] f = line.split(" ");
          if (!f[2].equals("0")) {
            System.out.println("    client: " + f[2] + " of " + connections + " screens could not connect");
          }
        } else if (!line.isBlank()) {
          System.out.println("    client: " + line);
        }
      }
    } finally {
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    if (r == null) {
      throw new IllegalStateException("the SSE client ended without a result (exit " + child.exitValue() + ")");
    }
    return new Result(uri, acceptEncoding, connections, r.getLong("failed"), r.getLong("closed"), r.getDouble("seconds"),
        r.getLong("bytes"), r.getInteger("parsedScreens"), r.getLong("events"), r.getDouble("clientCpuCores"), r.getLong("lagSamples"),
        r.getDouble("lagP50Ms"), r.getDouble("lagP99Ms"), r.getDouble("lagP999Ms"), r.getDouble("lagMaxMs"));
  }
}
