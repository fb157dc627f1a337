package id.pantau.benchmarks;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was measured on: figures without it cannot be compared. */
record Machine(int cores, long memoryMiB, String jdk, String os, String postgres) {
  static Machine describe(String postgresVersion) {
    long memKiB = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKiB = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      memKiB = 0;
    }
    return new Machine(Runtime.getRuntime().availableProcessors(), memKiB / 1024,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), postgresVersion);
  }

  /** The load average now (1, 5, 15 minutes), as uptime prints it: a shared machine's figures need it beside them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The open-file limit of this process: every connection a load client holds is one. */
  static long openFileLimit() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : 1 << 20;
  }

  String line() {
    return String.format("%d cores, %,d MiB, %s, %s, PostgreSQL %s", cores, memoryMiB, jdk, os, postgres);
  }

  JsonObject json() {
    return new JsonObject().put("cores", cores).put("memoryMiB", memoryMiB).put("jdk", jdk).put("os", os)
        .put("postgres", postgres);
  }
}
