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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rapor page of the wall ({@code /wall/#/rapor}) in a real headless Chromium against a real
 * server, with complaints and an alert sent over MQTT as gateways send them: the table holds the
 * API's figures, a column header sorts the rows, a figure opens the items behind it, the
 * language switches, a kecamatan's screen shows its own rapor, and the print layout drops the
 * wall's chrome and makes an A4 PDF. The browser runs in New York: the page's days and print
 * time must still be Bandung's. Screenshots and the PDF are kept in {@code target/rapor-page/}.
 */
class RaporPageIT {
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final String GW = "bandung.coblong.t1";
  private static final String SUKAJADI = "bandung.sukajadi.t1";
  private static final String SECRET = "secret-1";
  private static final Path ARTEFACTS = Path.of("target", "rapor-page");
  /** The city's screen token, and Coblong's own (reads are by token, as a command center runs). */
  private static final String CITY = "bandung-screen-token-0123456789";
  private static final String COBLONG = "coblong-screen-token-0123456789";

  private static TestServer server;
  private static int httpPort;
  private static ChromeDriver browser;
  /** Yesterday to tomorrow in Bandung: today's complaints and alert, whatever the hour. */
  private static String range;

  @BeforeAll
  static void start() throws Exception {
    httpPort = Ports.free();
    Path tokens = Files.createTempFile("tokens", ".csv");
    Files.writeString(tokens, "bandung-wall,screen," + CITY + ",bandung\ncoblong-wall,screen," + COBLONG + ",bandung,coblong\n");
    server = TestServer.start(Map.of("http.port", httpPort, "security.apiTokensFile", tokens.toString(),
        "http.readAccess", "token"));
    server.truncate();
    server.gateway(GW, "bandung", "coblong", SECRET);
    server.gateway(SUKAJADI, "bandung", "sukajadi", "pw-s");
    LocalDate today = LocalDate.now(WIB);
    range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    long now = System.currentTimeMillis();
    long hour = 3_600_000L;
    try (Mqtt5Gateway coblong = Mqtt5Gateway.connect(server.mqttPort(), GW, SECRET);
         Mqtt5Gateway sukajadi = Mqtt5Gateway.connect(server.mqttPort(), SUKAJADI, "pw-s")) {
      // coblong: two complaints, one resolved within the hour; sukajadi: one, still open
      accepted(coblong, Payloads.topic("bandung", "coblong", "complaints"), "{\"gateway\":\"" + GW
          + "\",\"boot\":1,\"seq\":1,\"events\":[" + created("K1", now - 3 * hour) + "," + created("K2", now - 2 * hour)
          + ",{\"id\":\"K1\",\"event\":\"dispatched\",\"ts\":" + (now - 2 * hour) + "}"
          + ",{\"id\":\"K1\",\"event\":\"resolved\",\"ts\":" + (now - hour) + "}]}");
      accepted(sukajadi, Payloads.topic("bandung", "sukajadi", "complaints"), "{\"gateway\":\"" + SUKAJADI
          + "\",\"boot\":1,\"seq\":1,\"events\":[" + created("S1", now - 2 * hour) + "]}");
      // pm25 above Bandung's 150 opens a threshold alert in coblong
      accepted(coblong, Payloads.topic("bandung", "coblong", "telemetry"), "{\"gateway\":\"" + GW
          + "\",\"boot\":1,\"seq\":2,\"readings\":[{\"sensor\":\"aq-coblong-01\",\"metric\":\"pm25\",\"ts\":"
          + (now - 1000) + ",\"value\":160}]}");
    }
    Poll.until(() -> value(api("/api/v1/rapor?" + range), "coblong", "complaints_received"), 2);
    Poll.until(() -> value(api("/api/v1/rapor?" + range), "sukajadi", "complaints_received"), 1);
    Poll.until(() -> value(api("/api/v1/rapor?" + range), "coblong", "alerts_opened:threshold"), 1);
    Poll.until(() -> value(api("/api/v1/rapor?" + range), "coblong", "complaints_resolved"), 1);
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
  void theTableHoldsTheApisFiguresSortsAndTracesThemToTheirItems() throws Exception {
    JsonObject rapor = api("/api/v1/rapor?" + range);
    open("/wall/?lang=id#/rapor?" + range);
    WebDriverWait wait = ready(rapor.getJsonObject("period").getString("label"));

    // every kecamatan's and the city's figure, cell by cell, as the API has it
    @SuppressWarnings("unchecked")
    Map<String, Map<String, String>> shown = (Map<String, Map<String, String>>) browser.executeScript(
        "var out = {};"
            + "document.querySelectorAll('#rapor-table tbody tr, #rapor-table tfoot tr').forEach(function (tr) {"
            + "  var row = {}; tr.querySelectorAll('td[data-figure]').forEach(function (td) { row[td.dataset.figure] = td.dataset.value; });"
            + "  out[tr.dataset.kecamatan || 'total'] = row; });"
            + "return out;");
    List<String> columns = new ArrayList<>(shown.get("coblong").keySet());
    assertTrue(columns.containsAll(List.of("complaints_received", "complaints_resolved", "verification_met_pct",
        "followup_met_pct", "resolve_hours_median", "resolve_hours_p90", "backlog_start", "backlog_end", "alerts_opened",
        "ack_minutes_median", "alerts_unacknowledged", "instructions_delivered", "siaga_hours")), columns.toString());
    assertEquals(31, shown.size(), "30 kecamatan and the city total");
    // uptime and completeness of a period that runs to now fall as the clock runs (more expected, as
    // much received): the page's figure lies between the API's before and after the page asked
    JsonObject later = api("/api/v1/rapor?" + range);
    int compared = 0;
    for (int i = 0; i < rapor.getJsonArray("kecamatan").size(); i++) {
      JsonObject k = rapor.getJsonArray("kecamatan").getJsonObject(i);
      compared += sameFigures(k.getString("slug"), k.getJsonObject("figures"),
          later.getJsonArray("kecamatan").getJsonObject(i).getJsonObject("figures"), shown.get(k.getString("slug")), columns);
    }
    compared += sameFigures("total", rapor.getJsonObject("total").getJsonObject("figures"),
        later.getJsonObject("total").getJsonObject("figures"), shown.get("total"), columns);
    assertEquals(31 * columns.size(), compared);
    // and as read: the value, the previous period's, the change as an arrow, the rank
    WebElement received = cell("coblong", "complaints_received");
    assertEquals("2", received.findElement(By.cssSelector(".value")).getText());
    assertEquals("0", received.findElement(By.cssSelector(".prev")).getText());
    assertEquals("▲ +2", received.findElement(By.cssSelector(".trend")).getText());
    assertTrue(received.findElement(By.cssSelector(".trend")).getAttribute("class").contains("neutral"),
        "more complaints received is neither better nor worse");
    WebElement backlog = cell("sukajadi", "backlog_end");
    assertTrue(backlog.findElement(By.cssSelector(".trend")).getAttribute("class").contains("worse"), "a backlog grew");
    assertEquals("#" + figure(rapor, "sukajadi", "backlog_end").getInteger("rank"),
        backlog.findElement(By.cssSelector(".rank")).getText());
    screenshot("rapor.png");

    // a header sorts: the most complaints first, then the fewest first
    browser.findElement(By.cssSelector("#rapor-head th[data-sort='complaints_received']")).click();
    wait.until(d -> "descending".equals(d.findElement(By.cssSelector("#rapor-head th[data-sort='complaints_received']"))
        .getAttribute("aria-sort")));
    assertEquals(List.of("coblong", "sukajadi"), rowOrder().subList(0, 2));
    assertEquals("Total kota · Kota Bandung", browser.findElement(By.cssSelector("#rapor-foot th")).getText(),
        "the city total stays below the sorted rows");
    browser.findElement(By.cssSelector("#rapor-head th[data-sort='complaints_received']")).click();
    wait.until(d -> "ascending".equals(d.findElement(By.cssSelector("#rapor-head th[data-sort='complaints_received']"))
        .getAttribute("aria-sort")));
    List<String> ascending = rowOrder();
    assertEquals(List.of("sukajadi", "coblong"), ascending.subList(28, 30), ascending.toString());

    // a figure lists the complaints behind it
    cell("coblong", "complaints_received").findElement(By.cssSelector(".value")).click();
    wait.until(d -> d.findElements(By.cssSelector("#rapor-items li[data-id]")).size() == 2);
    assertTrue(browser.findElement(By.id("rapor-items")).isDisplayed());
    List<String> ids = browser.findElements(By.cssSelector("#rapor-items li[data-id]")).stream()
        .map(li -> li.getAttribute("data-id")).sorted().toList();
    assertEquals(List.of("K1", "K2"), ids);
    assertEquals("2", browser.findElement(By.id("rapor-items-count")).getText());
    browser.findElement(By.id("rapor-items-close")).click();
    // and the alert behind the alerts opened
    cell("coblong", "alerts_opened").findElement(By.cssSelector(".value")).click();
    String alertId = String.valueOf(server.number("SELECT id FROM alert WHERE rule = 'threshold'"));
    wait.until(d -> d.findElements(By.cssSelector("#rapor-items li[data-id='" + alertId + "']")).size() == 1);
    browser.findElement(By.id("rapor-items-close")).click();

    // the CSV is the API's
    String csv = browser.findElement(By.id("rapor-csv")).getAttribute("href");
    assertTrue(csv.contains("/api/v1/rapor?" + range + "&format=csv&access_token=" + CITY), csv);
    HttpResponse<String> file = Http.send(httpPort, "GET", csv.substring(csv.indexOf("/api/")), null, null);
    assertEquals(200, file.statusCode());
    assertTrue(file.body().startsWith("city,period,previous_period,"), file.body());
  }

  @Test
  void theLanguageSwitchesAndTheDefaultIsTheLastFullMonthInTheCitysZone() throws Exception {
    open("/wall/?lang=id#/rapor");
    String lastMonth = YearMonth.now(WIB).minusMonths(1).toString();
    WebDriverWait wait = ready(lastMonth);
    assertEquals("month", browser.findElement(By.id("rapor-kind")).getAttribute("value"));
    assertEquals(lastMonth, browser.findElement(By.id("rapor-month")).getAttribute("value"));
    By header = By.cssSelector("#rapor-head th[data-sort='complaints_received']");
    assertEquals("Pengaduan masuk", browser.findElement(header).getText().replace(" ▲", "").replace(" ▼", ""));
    assertTrue(browser.findElement(By.id("rapor-title")).getText().startsWith("Rapor Kecamatan"));
    browser.findElement(By.id("lang")).click();
    wait.until(d -> d.findElement(header).getText().startsWith("Complaints received"));
    assertTrue(browser.findElement(By.id("rapor-title")).getText().startsWith("Kecamatan scorecard"));
    assertEquals("City total · Kota Bandung", browser.findElement(By.cssSelector("#rapor-foot th")).getText());
    browser.findElement(By.id("lang")).click();
    wait.until(d -> d.findElement(header).getText().startsWith("Pengaduan masuk"));

    // picking a day loads that day's rapor
    browser.executeScript("var s = document.getElementById('rapor-kind'); s.value = 'day';"
        + "s.dispatchEvent(new Event('change'));");
    String yesterday = LocalDate.now(WIB).minusDays(1).toString();
    ready(yesterday);
    assertTrue(browser.getCurrentUrl().endsWith("#/rapor?period=" + yesterday), browser.getCurrentUrl());
    // and the wall is a link away
    browser.findElement(By.id("rapor-link")).click();
    wait.until(d -> !d.findElement(By.id("rapor")).isDisplayed() && d.findElement(By.id("tiles")).isDisplayed());
  }

  @Test
  void aKecamatansScreenShowsItsOwnRapor() throws Exception {
    open("/wall/?kec=coblong&lang=en#/rapor?" + range);
    ready(api("/api/v1/rapor?" + range).getJsonObject("period").getString("label"));
    List<WebElement> rows = browser.findElements(By.cssSelector("#rapor-body tr"));
    assertEquals(1, rows.size());
    assertEquals("coblong", rows.get(0).getAttribute("data-kecamatan"));
    assertTrue(browser.findElement(By.id("rapor-title")).getText().contains("Kecamatan Coblong"),
        browser.findElement(By.id("rapor-title")).getText());
    assertTrue(browser.findElement(By.id("rapor-csv")).getAttribute("href").contains("kecamatan=coblong"));
    // the city's total beside it (a city token) traces to the city's items, not Coblong's
    browser.findElement(By.cssSelector("#rapor-foot td[data-figure='complaints_received'] .value")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.findElements(By.cssSelector("#rapor-items li[data-id]")).size() == 3);
  }

  @Test
  void aKecamatansTokenGetsItsOwnRaporWithoutTheCitysTotalAndNoOtherKecamatans() throws Exception {
    openWith(COBLONG, "/wall/?lang=en#/rapor?" + range);
    ready(api("/api/v1/rapor?" + range).getJsonObject("period").getString("label"));
    List<WebElement> rows = browser.findElements(By.cssSelector("#rapor-body tr"));
    assertEquals(1, rows.size());
    assertEquals("coblong", rows.get(0).getAttribute("data-kecamatan"));
    assertEquals("2", cell("coblong", "complaints_received").findElement(By.cssSelector(".value")).getText());
    assertTrue(browser.findElements(By.cssSelector("#rapor-foot tr")).isEmpty(), "no city total for a kecamatan token");
    assertTrue(browser.findElement(By.id("rapor-title")).getText().contains("Kecamatan Coblong"),
        browser.findElement(By.id("rapor-title")).getText());
    cell("coblong", "complaints_received").findElement(By.cssSelector(".value")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.findElements(By.cssSelector("#rapor-items li[data-id]")).size() == 2);

    openWith(COBLONG, "/wall/?kec=sukajadi&lang=en#/rapor?" + range);
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("rapor-status")).getText().equals("refused (403)"));
    assertTrue(browser.findElements(By.cssSelector("#rapor-body tr")).isEmpty());
  }

  @Test
  void printingMakesAnA4HandoutWithoutTheWallsChrome() throws Exception {
    open("/wall/?lang=en#/rapor?" + range);
    ready(api("/api/v1/rapor?" + range).getJsonObject("period").getString("label"));
    assertTrue(browser.findElement(By.tagName("header")).isDisplayed());
    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertFalse(browser.findElement(By.tagName("header")).isDisplayed(), "no wall header on paper");
      assertFalse(browser.findElement(By.id("rapor-controls")).isDisplayed(), "no controls on paper");
      assertTrue(browser.findElement(By.id("rapor-table")).isDisplayed());
      assertEquals("rgba(255, 255, 255, 1)", browser.findElement(By.tagName("body")).getCssValue("background-color"));
      String printed = browser.findElement(By.id("rapor-printed")).getText();
      assertTrue(printed.startsWith("printed ") && printed.endsWith(" WIB"), printed);
      assertTrue(browser.findElement(By.id("rapor-title")).getText().contains("Kota Bandung"));
      assertTrue(browser.findElement(By.id("rapor-period-label")).getText().contains(LocalDate.now(WIB).minusDays(1)
          .getYear() + ""), browser.findElement(By.id("rapor-period-label")).getText());
      screenshot("print-media.png");
    } finally {
      browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
    // the browser's "save as PDF": the page's own size (A4 landscape, 842 x 595 points), one page
    Map<String, Object> pdf = browser.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true));
    byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
    Files.write(ARTEFACTS.resolve("rapor.pdf"), bytes);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertTrue(text.startsWith("%PDF-"), text.substring(0, 8));
    Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(text);
    int count = 0;
    while (pages.find()) {
      count++;
    }
    assertEquals(1, count, "Bandung's 30 kecamatan and the city total on one page");
    Matcher box = Pattern.compile("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*]").matcher(text);
    assertTrue(box.find(), "a page size");
    assertEquals(842, Math.round(Double.parseDouble(box.group(1))), box.group());
    assertEquals(595, Math.round(Double.parseDouble(box.group(2))), box.group());
  }

  // ---- helpers ----

  /** Waits for the rapor of {@code label} to be shown. */
  private static WebDriverWait ready(String label) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> {
      WebElement section = d.findElement(By.id("rapor"));
      return section.isDisplayed() && "ready".equals(section.getAttribute("data-state"))
          && label.equals(section.getAttribute("data-period"));
    });
    return wait;
  }

  /** Each figure shown equals the API's, or lies between its answers before and after the page asked. */
  private static int sameFigures(String part, JsonObject before, JsonObject after, Map<String, String> shown,
                                 List<String> columns) {
    int n = 0;
    for (String id : columns) {
      Object first = before.getJsonObject(id).getValue("value");
      Object last = after.getJsonObject(id).getValue("value");
      String cell = shown.get(id);
      if (first == null && last == null) {
        assertEquals("", cell, part + " " + id);
      } else if (first instanceof Number a && last instanceof Number b && a.doubleValue() != b.doubleValue()) {
        double value = Double.parseDouble(cell);
        assertTrue(value >= Math.min(a.doubleValue(), b.doubleValue()) - 1e-9
            && value <= Math.max(a.doubleValue(), b.doubleValue()) + 1e-9,
            part + " " + id + ": " + value + " not between the API's " + a + " and " + b);
      } else {
        Object value = first != null ? first : last;
        assertEquals(((Number) value).doubleValue(), Double.parseDouble(cell), 1e-9, part + " " + id);
      }
      n++;
    }
    return n;
  }

  private static WebElement cell(String kecamatan, String figure) {
    return browser.findElement(By.cssSelector("#rapor-body tr[data-kecamatan='" + kecamatan + "'] td[data-figure='"
        + figure + "']"));
  }

  private static List<String> rowOrder() {
    return browser.findElements(By.cssSelector("#rapor-body tr")).stream().map(tr -> tr.getAttribute("data-kecamatan"))
        .toList();
  }

  private static String created(String id, long ts) {
    return "{\"id\":\"" + id + "\",\"event\":\"created\",\"ts\":" + ts + ",\"category\":\"sampah\",\"kelurahan\":\"dago\","
        + "\"lat\":-6.8853,\"lon\":107.6133,\"channel\":\"lapor\",\"priority\":\"normal\"}";
  }

  private static void accepted(Mqtt5Gateway gw, String topic, String json) throws Exception {
    Mqtt5Gateway.Puback ack = gw.publishAndAwait(topic, Payloads.json(json));
    assertEquals(0, ack.code(), ack.reason());
  }

  private static JsonObject api(String path) throws Exception {
    HttpResponse<String> r = Http.send(httpPort, "GET", path, CITY, null);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return new JsonObject(r.body());
  }

  /** A figure's value, null while the figure is not there yet (a per-rule figure comes with its first alert). */
  private static Integer value(JsonObject rapor, String kecamatan, String id) {
    JsonObject f = figure(rapor, kecamatan, id);
    return f == null ? null : f.getInteger("value");
  }

  private static JsonObject figure(JsonObject rapor, String kecamatan, String id) {
    return rapor.getJsonArray("kecamatan").stream().map(o -> (JsonObject) o)
        .filter(k -> k.getString("slug").equals(kecamatan)).findFirst().orElseThrow().getJsonObject("figures")
        .getJsonObject(id);
  }

  /** Opens a /wall/?... page as the city's screen. */
  private static void open(String path) {
    openWith(CITY, path);
  }

  private static void openWith(String token, String path) {
    browser.get("http://127.0.0.1:" + httpPort + path.replace("/wall/?", "/wall/?access_token=" + token + "&"));
  }

  private static void screenshot(String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, ARTEFACTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
