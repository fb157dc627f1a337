package id.pantau.server.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. A machine without them
 * fails the test saying what to install: a browser test never passes by being skipped.
 */
public final class Browser {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PANTAU_TEST_CHROMIUM", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PANTAU_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

  private Browser() {
  }

  public static ChromeDriver start() {
    return start(new String[0]);
  }

  /** @param extraArguments more Chromium switches, e.g. {@code --js-flags=--expose-gc} for a soak */
  public static ChromeDriver start(String... extraArguments) {
    return start(Map.of(), extraArguments);
  }

  /**
   * A browser whose own time zone is {@code timeZone} (the {@code TZ} of chromedriver, which
   * Chromium inherits), e.g. to show that a page keeps to its city's zone, not the machine's.
   */
  public static ChromeDriver inTimeZone(String timeZone) {
    return start(Map.of("TZ", timeZone));
  }

  private static ChromeDriver start(Map<String, String> environment, String... extraArguments) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("browser tests need Chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install chromium chromium-driver (or set PANTAU_TEST_CHROMIUM / PANTAU_TEST_CHROMEDRIVER)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1920,1080");
    options.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withEnvironment(environment).build();
    return new ChromeDriver(service, options);
  }
}
