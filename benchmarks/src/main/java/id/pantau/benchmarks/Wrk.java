package id.pantau.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian's package) against a URL and reads its figures. */
final class Wrk {
  record Figures(String name, double requestsPerSecond, String p50, String p99, long non2xx) {
  }

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+(\\S+)");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

  private Wrk() {
  }

  static void requireInstalled() {
    try {
      new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("wrk is not installed: apt-get install wrk");
    }
  }

  static Figures run(String name, String url, int connections, int seconds, String... headers) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("wrk", "--latency", "-t2", "-c" + connections, "-d" + seconds + "s"));
    for (String h : headers) {
      cmd.add("-H");
      cmd.add(h);
    }
    cmd.add(url);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return new Figures(name, Double.parseDouble(find(RPS, out, "0")), find(P50, out, "?"), find(P99, out, "?"),
        Long.parseLong(find(NON2XX, out, "0")));
  }

  private static String find(Pattern p, String text, String otherwise) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : otherwise;
  }
}
