package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Browser;
import id.pantau.server.support.Ports;
import id.pantau.server.support.RedeliveringGateway;
import id.pantau.server.support.TestServer;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The wall screen left running under live data: its JavaScript heap (after a forced collection)
 * and its DOM must not grow. Minutes, not seconds, so it runs only when asked:
 * {@code mvn -B verify -pl server -am -Dit.test=WallScreenSoakIT -Dsoak.minutes=60
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest=NONE}. It prints a sample a minute.
 */
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+")
class WallScreenSoakIT {

  @Test
  void heapAndDomStayFlatWhileTheScreenRuns() throws Exception {
    int minutes = Integer.parseInt(System.getProperty("soak.minutes"));
    int httpPort = Ports.free();
    Vertx vertx = Vertx.vertx();
    List<RedeliveringGateway> gateways = new ArrayList<>();
    ChromeDriver browser = null;
    try (TestServer server = TestServer.start(Map.of("http.port", httpPort))) {
      server.truncate();
      for (String kec : List.of("coblong", "regol", "andir")) {
        server.gateway("bandung." + kec + ".soak", "bandung", kec, "pw");
        var gw = new RedeliveringGateway(vertx, "bandung." + kec + ".soak", "pw", kec, server.mqttPort());
        gateways.add(gw);
        gw.start();
      }
      browser = Browser.start("--js-flags=--expose-gc", "--enable-precise-memory-info");
      browser.get("http://127.0.0.1:" + httpPort + "/wall/");
      List<long[]> samples = new ArrayList<>();
      for (int minute = 0; minute <= minutes; minute++) {
        if (minute > 0) {
          Thread.sleep(60_000);
        }
        Object heap = browser.executeScript("window.gc(); return performance.memory.usedJSHeapSize;");
        Object nodes = browser.executeScript("return document.getElementsByTagName('*').length;");
        long[] sample = {minute, ((Number) heap).longValue(), ((Number) nodes).longValue()};
        samples.add(sample);
        System.out.printf("wall soak: minute %d, JS heap %,d bytes, DOM %d nodes, batches acknowledged %d%n",
            sample[0], sample[1], sample[2], RedeliveringGateway.acknowledgedBatches(gateways));
      }
      // the first minutes fill caches and charts; compare the settled start with the end
      long settled = samples.get(Math.min(2, samples.size() - 1))[1];
      long end = samples.get(samples.size() - 1)[1];
      long maxNodes = samples.stream().mapToLong(s -> s[2]).max().orElseThrow();
      long firstNodes = samples.get(Math.min(2, samples.size() - 1))[2];
      assertTrue(end < settled * 1.25, "JS heap grew from " + settled + " to " + end + " bytes");
      assertTrue(maxNodes < firstNodes * 1.25, "DOM grew from " + firstNodes + " to " + maxNodes + " nodes");
    } finally {
      gateways.forEach(RedeliveringGateway::stopPublishing);
      if (browser != null) {
        browser.quit();
      }
      vertx.close().await();
    }
  }
}
