package id.pantau.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU used during a step: this JVM (server and load clients together: they share it) and the
 * PostgreSQL processes, read from /proc. Reported as cores busy on average.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final long wallStart = System.nanoTime();
  private final long jvmStart = jvmNanos();
  private final double postgresStart = postgresSeconds();

  /** {jvm cores, postgres cores} since construction. */
  double[] coresBusy() {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    return new double[] {(jvmNanos() - jvmStart) / 1e9 / wall, (postgresSeconds() - postgresStart) / wall};
  }

  private static long jvmNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /** utime + stime of every process named postgres (the embedded one's, or a local server's). */
  static double postgresSeconds() {
    double ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(stat.indexOf('(') + 1, close);
          if (!comm.equals("postgres")) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
          // the process ended while we read it
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks / TICKS_PER_SECOND;
  }
}
