package cn.sanling.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for tests: Debian's {@code chromium} driven through Debian's {@code chromedriver}, headless, with a
 * fresh profile. Nothing is ever downloaded: the driver and browser paths are given, so Selenium Manager is not
 * consulted. When the binaries are missing the test is skipped, except with {@code CI=true}, where it fails
 * (browser tests are required in CI; {@code .ci/run} installs the packages).
 *
 * <pre>try (Chromium phone = Chromium.phone(baseUrl)) { phone.open("/login"); phone.screenshot("login"); }</pre>
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of(System.getProperty("sanling.test.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("sanling.test.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots go, for people to review. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicInteger SHOT = new AtomicInteger();

    private final String baseUrl;
    private final ChromeDriver driver;
    private final Path profile;
    private final String device;

    private Chromium(String baseUrl, int width, int height, String device) {
        requireBinaries();
        this.baseUrl = baseUrl;
        this.device = device;
        try {
            this.profile = Files.createTempDirectory("sanling-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=zh-CN", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** A phone-sized window (360 × 800), as a grid worker uses. */
    public static Chromium phone(String baseUrl) {
        return new Chromium(baseUrl, 360, 800, "phone");
    }

    /** A desktop window (1366 × 900), as mediators and supervisors use. */
    public static Chromium desktop(String baseUrl) {
        return new Chromium(baseUrl, 1366, 900, "desktop");
    }

    /** Fails (CI) or skips (elsewhere) when Debian's chromium and chromedriver are not installed. */
    public static void requireBinaries() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String why = "Browser tests need " + BROWSER + " and " + DRIVER
                + " (apt-get install -y chromium chromium-driver fonts-noto-cjk)";
        if (TestDatabase.inCi()) {
            throw new IllegalStateException(why + ". CI=true: browser tests are required, so they FAIL.");
        }
        Assumptions.abort(why + ". CI is not set: SKIPPED.");
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The path (and query) of the current page, without the server. */
    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /** Signs in through the login form (a new session). */
    public void signIn(String username, String password) {
        open("/login");
        find(By.id("username")).sendKeys(username);
        find(By.id("password")).sendKeys(password);
        clickToLoad(find(By.cssSelector("form button[type=submit]")));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !path().startsWith("/login"));
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public WebElement byId(String id) {
        return find(By.id(id));
    }

    /** Clicks something that loads a new page (a link, a submit button) and waits until the new page is there. */
    public void clickToLoad(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        // the old page is gone once touching it fails; mid-navigation Chromium may report that as an inspector
        // error ("Node ... does not belong to the document") rather than a stale element, so any failure counts
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        find(By.tagName("body"));
    }

    /** {@link #clickToLoad(WebElement)} on the element with this id. */
    public void clickToLoad(String id) {
        clickToLoad(byId(id));
    }

    /** Saves the whole page as target/screenshots/NN-device-name.png; returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // make the window as tall as the page, so the screenshot shows all of it
            Object height = driver.executeScript("return Math.max(document.body.scrollHeight, 800)");
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(size.getWidth(),
                    Math.min(((Number) height).intValue() + 120, 6000)));
            Path file = SCREENSHOTS.resolve(String.format("%02d-%s-%s.png", SHOT.incrementAndGet(), device, name));
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(size);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
