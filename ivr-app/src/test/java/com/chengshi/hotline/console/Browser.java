package com.chengshi.hotline.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

/**
 * The system's headless Chromium, driven through its own chromedriver (Debian's chromium and chromium-driver): never
 * a browser downloaded by the test. Without them the browser tests are skipped with one line saying what to install.
 * Screenshots go to target/console-screenshots; {@code -Dhotline.regenerate} also puts them in docs/console.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HOTLINE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("HOTLINE_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Path DOCS = Path.of("../docs/console");

    final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("hotline-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // As root and on a closed network: no sandbox, and none of Chromium's own calls home.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    static Browser open(String base) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        return new Browser(base);
    }

    Browser get(String path) {
        driver.get(base + path);
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void logIn(String name, String password) {
        get("/login");
        find("#username").sendKeys(name);
        find("#password").sendKeys(password);
        // The form posts and the browser moves on, to the user's page or back to /login?error: wait for it, or the
        // next page asked for cuts the login short (the browser tests failed so on a loaded machine).
        clickThrough("#log-in");
    }

    /**
     * Clicks a link or a form's button and waits for the page it leads to, so that what is read next is read from that
     * page and not from the one it replaces.
     */
    void clickThrough(String css) {
        WebElement page = find("html");
        find(css).click();
        waitUntil(ExpectedConditions.stalenessOf(page));
        waitUntil(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = SCREENSHOTS.resolve(name + ".png");
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
        if (System.getProperty("hotline.regenerate") != null) {
            Files.createDirectories(DOCS);
            Files.copy(shot, DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
