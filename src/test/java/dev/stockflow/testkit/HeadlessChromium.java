package dev.stockflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for tests: Debian's {@code chromium}, headless, driven through Debian's {@code chromium-driver}.
 * Both are named by path, so Selenium Manager is never asked to find (or download) a browser or a driver, and the
 * browser is told to stay off the network (no updates, no sync, no background requests). A missing browser is a
 * failure with instructions, never a skipped test: {@code .ci/run} installs both.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Tests drive the browser through WebDriver, never DevTools, so Selenium's warning that it has no DevTools
     * bindings for this Chromium version is noise. Held here, since java.util.logging keeps loggers weakly.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    private HeadlessChromium() {
    }

    /** Starts a fresh browser with a profile of its own under {@code target/}; quit it when done. */
    public static ChromeDriver start() throws IOException {
        return start(false);
    }

    /**
     * Like {@link #start()}; with {@code acceptSelfSigned} the browser also accepts the self-signed certificates
     * tests make for their https servers (as a person would after the browser's warning).
     */
    public static ChromeDriver start(final boolean acceptSelfSigned) throws IOException {
        require(CHROMIUM, "chromium");
        require(CHROMEDRIVER, "chromium-driver");
        final Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target", "chromium")),
                "profile-");
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1400,1300", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setAcceptInsecureCerts(acceptSelfSigned);
        return new ChromeDriver(service, options);
    }

    private static void require(final Path executable, final String debianPackage) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("This test drives a real browser and needs " + executable
                    + " from Debian's " + debianPackage + " package: apt-get install chromium chromium-driver"
                    + " (.ci/run installs them when they are missing)");
        }
    }
}
