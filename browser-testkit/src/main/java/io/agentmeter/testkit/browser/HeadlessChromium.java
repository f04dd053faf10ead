package io.agentmeter.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through the system's chromedriver. Both paths are given to Selenium, so
 * Selenium Manager never runs and nothing is downloaded. Missing binaries fail the test with the install command;
 * they are never a reason to skip.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * Selenium warns that it has no DevTools bindings for this Chromium's version; the tests use none (screenshots and
     * downloads go through chromedriver's own CDP endpoint). Held here: JUL keeps loggers weakly.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    public final ChromeDriver driver;
    public final Path downloads;
    public final Path screenshots;
    private final Path profile;
    private final WebDriverWait wait;

    private HeadlessChromium(ChromeDriver driver, Path downloads, Path screenshots, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.screenshots = screenshots;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(100));
    }

    /** Fails (never skips) when Chromium or chromedriver is missing. */
    public static void requireChromium() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError("The dashboard browser tests need headless Chromium and its driver, and "
                        + binary + " is not there. Install them with: apt-get update && apt-get install -y chromium"
                        + " chromium-driver (or point -Ddashboard.chromium / -Ddashboard.chromedriver at them).");
            }
        }
    }

    public static HeadlessChromium start(Path target) {
        requireChromium();
        try {
            Path downloads = Files.createDirectories(target.resolve("dashboard-downloads"));
            Path screenshots = Files.createDirectories(target.resolve("screenshots"));
            try (var old = Files.newDirectoryStream(screenshots, "*.png")) {
                for (Path png : old) {
                    Files.delete(png); // a stale timeout.png from an earlier run would mislead
                }
            }
            Path profile = Files.createTempDirectory(target, "chromium-profile-");
            QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
            // Selenium reads this, and the service below names the same driver: Selenium Manager stays unused.
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1100",
                    "--lang=en-US", "--force-device-scale-factor=1");
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(TIMEOUT);
            // Let the headless browser save downloads (the CSV buttons) into the download directory.
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toAbsolutePath().toString()));
            return new HeadlessChromium(driver, downloads, screenshots, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText().strip();
    }

    /** Types into an input, replacing what it held. */
    public void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits for a condition, naming it (and the page's state) when it does not come true. */
    public void until(String what, Supplier<Boolean> condition) {
        try {
            wait.until(d -> {
                try {
                    return condition.get();
                } catch (RuntimeException e) {
                    return false;
                }
            });
        } catch (TimeoutException e) {
            screenshot("timeout");
            throw new AssertionError("Timed out waiting for " + what + " (view " + js("return"
                    + " document.documentElement.dataset.view") + ", pending " + js("return"
                    + " document.documentElement.dataset.pending") + ", errors " + js("return"
                    + " window.__agentmeterErrors") + ")", e);
        }
    }

    /** Runs an action that re-renders the page, and waits until {@code view} has rendered and every call returned. */
    public void render(String view, Runnable action) {
        js("delete document.documentElement.dataset.rendered");
        action.run();
        settle(view);
    }

    public void settle(String view) {
        until(view + " to render", () -> Boolean.TRUE.equals(js("const d = document.documentElement.dataset;"
                + " return d.rendered === arguments[0] && d.pending === '0'"
                + " && !document.querySelector('[data-state=loading]');", view)));
    }

    /** A full-page PNG in target/screenshots. */
    public Path screenshot(String name) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics",
                    Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(((Number) size.get("height")).doubleValue(), 12000);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover profile directory under target/ is harmless
        }
    }
}
