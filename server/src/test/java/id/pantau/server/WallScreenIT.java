package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.server.support.Browser;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.Ports;
import id.pantau.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wall screen in a real headless Chromium against a real server: the tile map, a reading
 * over MQTT that crosses a river gauge's siaga level turning its tile red with the alert in the
 * ticker, the kecamatan detail view, ISPU in the regulation's categories and colours with only
 * what needs action raising a tile, times in the city's zone whatever the browser's, and the
 * page riding out a server restart.
 * Screenshots are kept in {@code target/wall-screen/} as test artefacts.
 */
class WallScreenIT {
  private static final String GW = "bandung.coblong.t1";
  private static final String REGOL_GW = "bandung.regol.t1";
  private static final String SECRET = "secret-1";
  private static final Path ARTEFACTS = Path.of("target", "wall-screen");
  private static final String BROWSER_ZONE = "America/New_York";

  private static TestServer server;
  private static int httpPort;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    httpPort = Ports.free();
    server = TestServer.start(Map.of("http.port", httpPort));
    // a browser far from Bandung: the wall's times must still be the city's (WIB)
    browser = Browser.inTimeZone(BROWSER_ZONE);
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

  @BeforeEach
  void emptyData() throws Exception {
    server.truncate();
    server.gateway(GW, "bandung", "coblong", SECRET);
  }

  @Test
  void aGaugePastSiagaOneTurnsItsTileRedAndTheAlertAppearsWithinSeconds() throws Exception {
    open("/wall/?lang=en");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> d.findElements(By.cssSelector("#tiles .tile")).size() == 30);
    WebElement coblong = browser.findElement(By.cssSelector(".tile[data-kecamatan='coblong']"));
    assertFalse(coblong.getAttribute("class").contains("s3"), coblong.getAttribute("class"));
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    // the stream has sent each view whole once; what changes from here comes as deltas
    wait.until(d -> "7".equals(d.findElement(By.id("connection")).getAttribute("data-wholes")));

    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"wl-cikapundung-01\","
          + "\"metric\":\"water_level_cm\",\"ts\":" + System.currentTimeMillis() + ",\"value\":262}]}";
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(batch)));
    }
    wait.until(d -> d.findElement(By.cssSelector(".tile[data-kecamatan='coblong']")).getAttribute("class").contains("s3"));
    // the ticker is re-rendered on every update: read the item inside the wait, retrying a replaced element
    String[] alert = wait.ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElements(By.cssSelector("#ticker li[data-kecamatan='coblong']")).stream().findFirst()
            .map(li -> new String[] {li.getText(), li.getAttribute("class")}).orElse(null));
    assertTrue(alert[0].contains("Siaga 1") && alert[0].contains("Cikapundung"), alert[0]);
    assertTrue(alert[1].contains("s3"), alert[1]);
    assertEquals("1", browser.findElement(By.id("c-alerts")).getText());
    screenshot("alert.png");
    // and the red tile and the alert came as deltas to the views the page held, none sent whole again
    WebElement badge = browser.findElement(By.id("connection"));
    assertTrue(Integer.parseInt(badge.getAttribute("data-deltas")) >= 2, badge.getAttribute("data-deltas"));
    assertEquals("7", badge.getAttribute("data-wholes"));

    // other tiles are untouched by coblong's flood
    assertFalse(browser.findElement(By.cssSelector(".tile[data-kecamatan='regol']")).getAttribute("class").contains("s3"));
  }

  @Test
  void ispuShowsTheRegulationsCategoryAndColourAndOnlyTidakSehatRaisesATile() throws Exception {
    server.gateway(REGOL_GW, "bandung", "regol", SECRET);
    // given pm25 40 in coblong (ISPU 81, Sedang: an ordinary Bandung day) and 60 in regol (ISPU 105, Tidak Sehat)
    publish(GW, "coblong", "aq-coblong-01", "pm25", 40);
    publish(REGOL_GW, "regol", "aq-regol-01", "pm25", 60);

    open("/wall/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> "ISPU 105 · Tidak Sehat".equals(badge(d, "regol").getText()));
    wait.until(d -> "ISPU 81 · Sedang".equals(badge(d, "coblong").getText()));

    // then Sedang is blue on a normal (green) tile; Tidak Sehat is yellow and raises its tile to watch
    assertTrue(badge(browser, "coblong").getAttribute("class").contains("aq-blue"));
    assertEquals("rgba(31, 111, 235, 1)", badge(browser, "coblong").getCssValue("background-color"));
    wait.until(d -> tile(d, "coblong").getAttribute("class").equals("tile s0"));
    assertTrue(badge(browser, "regol").getAttribute("class").contains("aq-yellow"));
    assertEquals("rgba(242, 194, 0, 1)", badge(browser, "regol").getCssValue("background-color"));
    wait.until(d -> tile(d, "regol").getAttribute("class").equals("tile s1"));
    // the legend names the five categories in the regulation's order
    assertEquals("Baik Sedang Tidak Sehat Sangat Tidak Sehat Berbahaya",
        browser.findElement(By.id("aq-legend")).getText().replace('\n', ' '));
    screenshot("ispu.png");
  }

  @Test
  void aTileShowsItsCompletenessAndATileWithTooFewHoursSaysDataKurangInsteadOfAColour() throws Exception {
    // given coblong's pm25 sensor reporting now, and regol's pm25 measured only in 3 hours, the
    // first 20 hours ago (its minute rollups as the ingest wrote them then): 3 of the 18 hourly means ISPU needs
    publish(GW, "coblong", "aq-coblong-01", "pm25", 40);
    // first seen 10 minutes ago (expected: about 10 readings at the default minute cadence, 1 came):
    // a sensor seen for the first time after the minute the view judges expects nothing yet ("–")
    server.execute("UPDATE sensor SET first_seen = now() - interval '10 minutes' WHERE external_id = 'aq-coblong-01'");
    server.execute("""
        INSERT INTO rollup_1m (kecamatan_id, metric_id, minute, count, sum, min, max)
        SELECT k.id, m.id, date_trunc('minute', now()) - h * interval '1 hour', 10, 3000, 300, 300
        FROM kecamatan k JOIN city c ON c.id = k.city_id CROSS JOIN metric m CROSS JOIN generate_series(18, 20) h
        WHERE c.slug = 'bandung' AND k.slug = 'regol' AND m.name = 'pm25'""");

    open("/wall/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // then regol is hatched and says so, with no ISPU colour (300 µg/m³ would be Berbahaya)
    wait.until(d -> tile(d, "regol").getAttribute("class").equals("tile thin"));
    wait.until(d -> tile(d, "regol").getText().contains("data kurang"));
    assertEquals("ISPU – · 3/18 jam", badge(browser, "regol").getText());
    assertTrue(badge(browser, "regol").getAttribute("class").contains("aq-thin"));
    // and coblong, with its sensor reporting, shows its colour and the share of expected readings that arrived
    wait.until(d -> tile(d, "coblong").getAttribute("class").equals("tile s0"));
    wait.until(d -> completeness(d, "coblong").getText().matches("lengkap \\d+%"));
    wait.until(d -> d.findElement(By.id("c-completeness")).getText().matches("\\d+%"));
    assertEquals("kelengkapan data 24 jam", browser.findElement(By.cssSelector("[data-i18n='completeness']")).getText());
    screenshot("thin.png");
  }

  @Test
  void theClockShowsTheCitysTimeInWibWhateverTheBrowsersZone() {
    open("/wall/?lang=en");
    assertEquals(BROWSER_ZONE, browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"),
        "the browser runs in a zone 12 hours from Bandung's");
    DateTimeFormatter wib = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Jakarta"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // polled: a minute may turn between reading the clock and the expectation
    String clock = wait.until(d -> {
      String text = d.findElement(By.id("clock")).getText();
      return text.startsWith(wib.format(Instant.now())) ? text : null;
    });
    assertTrue(clock.matches("\\d\\d:\\d\\d:\\d\\d WIB"), clock);
  }

  @Test
  void clickingATileOpensItsDetailWithSensorsGatewaysAndAlerts() throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET)) {
      String batch = "{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"aq-coblong-01\","
          + "\"metric\":\"pm25\",\"ts\":" + System.currentTimeMillis() + ",\"value\":41.5}]}";
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"), Payloads.json(batch)));
      open("/wall/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(d -> d.findElements(By.cssSelector("#tiles .tile")).size() == 30);
      browser.findElement(By.cssSelector(".tile[data-kecamatan='coblong']")).click();
      wait.until(d -> d.findElement(By.id("detail")).isDisplayed());
      assertEquals("Coblong", browser.findElement(By.id("detail-title")).getText());
      wait.until(d -> d.findElement(By.id("detail-sensors")).getText().contains("aq-coblong-01"));
      String sensors = browser.findElement(By.id("detail-sensors")).getText();
      assertTrue(sensors.contains("41,5"), "Indonesian number format: " + sensors);
      // each sensor's health and the age of its last reading
      WebElement row = browser.findElement(By.cssSelector("#detail-sensors tr[data-sensor='aq-coblong-01']"));
      assertEquals("normal", row.findElement(By.cssSelector(".st-ok")).getText());
      assertTrue(row.findElement(By.cssSelector(".age")).getText().matches("\\d+ (s|min)"), row.getText());
      wait.until(d -> d.findElement(By.id("detail-gateways")).getText().contains(GW));
      assertTrue(browser.getCurrentUrl().endsWith("#/k/coblong"), "the detail has its own URL");
      assertEquals("Sensor", browser.findElement(By.cssSelector("[data-i18n='sensors']")).getText(), "Indonesian by default");
      screenshot("detail.png");
      browser.findElement(By.id("detail-close")).click();
      wait.until(d -> !d.findElement(By.id("detail")).isDisplayed());
    }
  }

  @Test
  void aKecamatansOwnScreenShowsItsDetailAndNothingOfAnotherKecamatan() throws Exception {
    String regol = "bandung.regol.t1";
    server.gateway(regol, "bandung", "regol", SECRET);
    try (Mqtt5Gateway c = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
         Mqtt5Gateway r = Mqtt5Gateway.connect(server.mqttPort(), regol, SECRET)) {
      assertEquals(0, c.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "telemetry"),
          Payloads.json(gauge(GW, "wl-cikapundung-01", 262))));
      assertEquals(0, r.publishAndAwaitReason(Payloads.topic("bandung", "regol", "telemetry"),
          Payloads.json(gauge(regol, "wl-cikapundung-03", 290))));
    }
    open("/wall/?kec=coblong&lang=en");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> "Kecamatan Coblong".equals(d.findElement(By.id("city-name")).getText()));
    WebElement back = browser.findElement(By.id("city-wall"));
    assertEquals("← Kota Bandung (whole city)", back.getText());
    assertTrue(back.getAttribute("href").endsWith("/wall/?lang=en"), back.getAttribute("href"));
    assertFalse(browser.findElement(By.id("map-panel")).isDisplayed(), "the detail takes the map's place");
    assertTrue(browser.findElement(By.id("detail")).isDisplayed());
    assertFalse(browser.findElement(By.id("detail-close")).isDisplayed(), "nothing to close on a kecamatan's screen");
    wait.until(d -> d.findElement(By.id("detail-sensors")).getText().contains("wl-cikapundung-01"));
    wait.until(d -> d.findElement(By.id("detail-gateways")).getText().contains(GW));
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id("detail-alerts")).getText().contains("Cikapundung"));
    wait.until(d -> "1".equals(d.findElement(By.id("c-alerts")).getText()));
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    assertEquals("Last hour (kecamatan)", browser.findElement(By.id("charts-title")).getText());
    String page = browser.findElement(By.tagName("body")).getText();
    assertFalse(page.contains("Regol") || page.contains(regol) || page.contains("wl-cikapundung-03"), page);
    assertEquals(1, browser.findElements(By.cssSelector("#ticker li[data-kecamatan='coblong']")).size());
    assertEquals(0, browser.findElements(By.cssSelector("#ticker li[data-kecamatan='regol']")).size());
    screenshot("kecamatan.png");

    back.click();
    wait.until(d -> d.findElements(By.cssSelector("#tiles .tile")).size() == 30);
    wait.until(d -> "2".equals(d.findElement(By.id("c-alerts")).getText()));
  }

  private static String gauge(String gateway, String sensor, double cm) {
    return "{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"" + sensor + "\","
        + "\"metric\":\"water_level_cm\",\"ts\":" + System.currentTimeMillis() + ",\"value\":" + cm + "}]}";
  }

  @Test
  void theScreenShowsStaleDataWhileTheServerRestartsAndRecoversByItself() throws Exception {
    open("/wall/?lang=en");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    server.stopForNow();
    wait.until(d -> "stale".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    assertTrue(browser.findElement(By.id("connection")).getText().startsWith("data stale since"));
    screenshot("stale.png");
    server.startAgain();
    wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    assertEquals(30, browser.findElements(By.cssSelector("#tiles .tile")).size(), "no tiles added by reconnecting");
  }

  private static void publish(String gateway, String kecamatan, String sensor, String metric, double value)
      throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(server.mqttPort(), gateway, SECRET)) {
      String batch = "{\"gateway\":\"" + gateway + "\",\"boot\":1,\"seq\":1,\"readings\":[{\"sensor\":\"" + sensor
          + "\",\"metric\":\"" + metric + "\",\"ts\":" + System.currentTimeMillis() + ",\"value\":" + value + "}]}";
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", kecamatan, "telemetry"), Payloads.json(batch)));
    }
  }

  private static WebElement tile(WebDriver d, String kecamatan) {
    return d.findElement(By.cssSelector(".tile[data-kecamatan='" + kecamatan + "']"));
  }

  private static WebElement completeness(WebDriver d, String kecamatan) {
    return d.findElement(By.cssSelector(".tile[data-kecamatan='" + kecamatan + "'] .cmp"));
  }

  private static WebElement badge(WebDriver d, String kecamatan) {
    return d.findElement(By.cssSelector(".tile[data-kecamatan='" + kecamatan + "'] .aq"));
  }

  private static void open(String path) {
    browser.get("http://127.0.0.1:" + httpPort + path);
  }

  private static void screenshot(String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, ARTEFACTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
