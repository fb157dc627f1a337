package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Browser;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.Ports;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The replayed wall ({@code /wall/?at=...}) in a real headless Chromium against a real server:
 * a banner naming the moment in the city's time, tiles as they stood then (a gauge at siaga 1
 * two hours ago), a slider that moves the city to another moment, no SSE connection while
 * replaying, and a link back to the live wall, which opens one. Screenshots in
 * {@code target/wall-screen/}.
 */
class WallReplayIT {
  private static final String GW = "bandung.coblong.t1";
  private static final String SECRET = "secret-1";
  private static final Path ARTEFACTS = Path.of("target", "wall-screen");

  private static TestServer server;
  private static int httpPort;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    httpPort = Ports.free();
    server = TestServer.start(Map.of("http.port", httpPort));
    browser = Browser.inTimeZone("America/New_York");
    Files.createDirectories(ARTEFACTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theWallReplaysAMomentWithABannerASliderAndNoLiveConnection() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", SECRET);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      // a gauge at siaga 1 two hours ago, back to normal an hour ago
      gauge(gw, 1, t0.minus(Duration.ofMinutes(120)), 262);
      gauge(gw, 2, t0.minus(Duration.ofMinutes(60)), 120);
    }
    Instant at = t0.minus(Duration.ofMinutes(115));
    String atParam = at.atOffset(ZoneOffset.ofHours(7)).toString(); // as a meeting would type it: WIB
    open("/wall/?lang=en&at=" + URLEncoder.encode(atParam, StandardCharsets.UTF_8));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    // the banner names the moment in the city's time, whatever the browser's zone
    DateTimeFormatter wib = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK).withZone(ZoneId.of("Asia/Jakarta"));
    String expected = "REPLAY — the city as it was on " + wib.format(at) + " WIB";
    wait.until(d -> d.findElement(By.id("replay")).isDisplayed());
    wait.until(d -> expected.equals(d.findElement(By.id("replay-title")).getText()));
    // the tile as it stood: coblong's gauge at siaga 1
    wait.until(d -> tileClass(d, "coblong").equals("tile s3"));
    assertEquals("replay", browser.findElement(By.id("connection")).getAttribute("data-state"));
    assertEquals("REPLAY", browser.findElement(By.id("connection")).getText());
    screenshot("replay.png");

    // one hour later on the slider (12 steps of 5 minutes): the gauge was normal again
    browser.executeScript("var s = document.getElementById('replay-slider'); s.value = String(Number(s.value) + 12);"
        + "s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));");
    String later = "REPLAY — the city as it was on " + wib.format(at.plus(Duration.ofHours(1))) + " WIB";
    wait.until(d -> later.equals(d.findElement(By.id("replay-title")).getText()));
    wait.until(d -> tileClass(d, "coblong").equals("tile s0"));
    // the URL keeps the moment shown, so it can be passed on to the meeting
    wait.until(d -> at.plus(Duration.ofHours(1)).equals(Instant.parse((String) ((ChromeDriver) d)
        .executeScript("return new URLSearchParams(location.search).get('at')"))));
    screenshot("replay-moved.png");

    // while replaying, the page opened no SSE connection (and it polls nothing: it is not live)
    assertEquals(0, streamsOpen(), "a replayed wall must not take live updates");
    assertFalse(browser.findElement(By.id("connection")).getText().contains("live"));

    // the link back to live: the live wall, its stream open again
    browser.findElement(By.id("replay-live")).click();
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    assertFalse(browser.findElement(By.id("replay")).isDisplayed());
    assertFalse(browser.getCurrentUrl().contains("at="), browser.getCurrentUrl());
    Poll.until(WallReplayIT::streamsOpen, 1);
    assertTrue(tileClass(browser, "coblong").equals("tile s0"), "live: the gauge is normal now");
  }

  private static void gauge(Mqtt5Gateway gw, long seq, Instant ts, double cm) throws Exception {
    String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":" + seq + ",\"readings\":[{\"sensor\":\"wl-cikapundung-01\","
        + "\"metric\":\"water_level_cm\",\"ts\":" + ts.toEpochMilli() + ",\"value\":" + cm + "}]}";
    assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(batch)));
  }

  private static int streamsOpen() throws Exception {
    return new JsonObject(Http.send(server.httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonObject("api").getJsonObject("streams").getInteger("open");
  }

  private static String tileClass(WebDriver d, String kecamatan) {
    return d.findElement(By.cssSelector(".tile[data-kecamatan='" + kecamatan + "']")).getAttribute("class");
  }

  private static void open(String path) {
    browser.get("http://127.0.0.1:" + httpPort + path);
  }

  private static void screenshot(String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, ARTEFACTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
