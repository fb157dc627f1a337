package id.pantau.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent gateway connections held by the server, and the server heap each one costs. The
 * clients run in a child JVM, so this JVM's heap is the server's (and the benchmark's few
 * objects): the heap after a full GC, before and after the connections, divided by their number.
 */
final class ConnectionScale {
  record Result(int asked, int connected, double seconds, long heapBefore, long heapAfter) {
    double bytesPerConnection() {
      return connected == 0 ? 0 : (double) (heapAfter - heapBefore) / connected;
    }
  }

  private ConnectionScale() {
  }

  static Result hold(int port, String password, List<String> gatewayIds) throws Exception {
    Path ids = Files.createTempFile("bench-ids", ".txt");
    Files.write(ids, gatewayIds);
    long before = settledHeap();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        ConnectionHolder.class.getName(), String.valueOf(port), password, ids.toString())
        .redirectErrorStream(true).start();
    long start = System.nanoTime();
    int connected = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("connected ")) {
          connected = Integer.parseInt(line.substring(10).trim());
          break;
        }
        if (line.startsWith("failed ") && connected < 0) {
          System.out.println("    " + line);
          connected = -2; // print only the first failure
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(2000); // let the server finish marking them online
      long after = settledHeap();
      return new Result(gatewayIds.size(), Math.max(0, connected), seconds, before, after);
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
      Files.deleteIfExists(ids);
    }
  }

  private static long settledHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
