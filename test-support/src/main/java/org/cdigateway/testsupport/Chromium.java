package org.cdigateway.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the operating system (Debian's {@code chromium} and {@code chromium-driver}, or
 * {@code CHROME_BIN} and {@code CHROMEDRIVER}), driven through Selenium, with a fresh profile that is deleted on
 * {@link #close()}. Where they are missing the browser test is skipped with the command that installs them, except on
 * CI ({@code CI} set), where it fails ({@link Tools#require}). The module using it declares
 * {@code selenium-chrome-driver} itself.
 */
public final class Chromium implements AutoCloseable {

    /** The browser's binary: {@code CHROME_BIN}, or {@code /usr/bin/chromium}. */
    public static final String BROWSER = Tools.env("CHROME_BIN", "/usr/bin/chromium");
    /** ChromeDriver's binary: {@code CHROMEDRIVER}, or {@code /usr/bin/chromedriver}. */
    public static final String DRIVER = Tools.env("CHROMEDRIVER", "/usr/bin/chromedriver");

    /** The driver of the browser's one tab. */
    public final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts the browser, its pages loading within 20 seconds.
     *
     * @param purpose what needs the browser, for the message when it is missing ("the browser tests")
     * @param arguments more command-line switches of the browser (such as {@code --window-size=1100,900})
     */
    public static Chromium start(String purpose, String... arguments) {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        Tools.require(present, "Chromium (" + BROWSER + ") and ChromeDriver (" + DRIVER + ") are needed for " + purpose
                + ": apt-get install chromium chromium-driver (or set CHROME_BIN and CHROMEDRIVER)");
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--user-data-dir=" + profile);
            options.addArguments(arguments);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the current tab as {@code name}.png in {@code directory}, created when missing. */
    public void screenshot(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
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
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover profile in the temporary directory does no harm
            }
        }
    }
}
