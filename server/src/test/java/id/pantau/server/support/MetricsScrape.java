package id.pantau.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a server's {@code /metrics}, read by series. */
public final class MetricsScrape {
  private static final HttpClient http = HttpClient.newHttpClient();

  private final String text;

  private MetricsScrape(String text) {
    this.text = text;
  }

  public static MetricsScrape of(int httpPort) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + r.statusCode());
    }
    return new MetricsScrape(r.body());
  }

  /** A scrape's text read as such (for tests that check the response itself too). */
  public static MetricsScrape parse(String text) {
    return new MetricsScrape(text);
  }

  public String text() {
    return text;
  }

  /** The value of the first series of a metric whose labels contain {@code labelPart}. */
  public double value(String metric, String... labelPart) {
    Pattern p = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (labelPart.length == 0 || m.group(1).contains(labelPart[0])) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no series " + metric + " " + String.join(",", labelPart));
  }
}
