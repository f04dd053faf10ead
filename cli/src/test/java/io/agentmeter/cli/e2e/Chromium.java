package io.agentmeter.cli.e2e;

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
 * Headless Debian Chromium driven through its chromedriver, for the dashboard against the whole system. Screenshots
 * go to {@code target/screenshots} (build output). Chromium missing is a failure, not a skip; {@code .ci/run}
 * installs it.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path screenshots;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path screenshots, Path profile) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(200));
    }

    static Chromium start(Path target) throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: apt-get install -y chromium chromium-driver");
            }
        }
        Path screenshots = Files.createDirectories(target.resolve("screenshots"));
        Path profile = Files.createTempDirectory(Files.createDirectories(target), "chromium-profile-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1100", "--lang=en-US",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(TIMEOUT);
        return new Chromium(driver, screenshots, profile);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText().strip();
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits for a condition, naming it (and saving a screenshot) when it does not come true. */
    void until(String what, Supplier<Boolean> condition) {
        try {
            wait.until(d -> {
                try {
                    return condition.get();
                } catch (RuntimeException e) {
                    return false;
                }
            });
        } catch (TimeoutException e) {
            screenshot("e2e-timeout");
            throw new AssertionError("Timed out waiting for " + what + " (errors in the page: "
                    + js("return window.__agentmeterErrors") + ")", e);
        }
    }

    /** A full-page PNG in target/screenshots. */
    Path screenshot(String name) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) ((Map<String, Object>) driver.executeCdpCommand(
                    "Page.getLayoutMetrics", Map.of())).get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0,
                            "width", ((Number) size.get("width")).doubleValue(),
                            "height", Math.min(((Number) size.get("height")).doubleValue(), 12000), "scale", 1)));
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
