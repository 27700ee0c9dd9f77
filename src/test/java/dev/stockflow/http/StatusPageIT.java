package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.HttpSecuritySettings;
import dev.stockflow.testkit.HeadlessChromium;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.SelfSignedStores;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (headless Chromium): served by a running instance on a real broker while
 * events keep coming, its figures move, its lookup box finds an offer, and an order line's reservation shows in
 * the order outcomes and in the offer's reserved and sellable units. Then, against a stand-in server that
 * requires a token, the page asks for one and sends it as a bearer token; a stand-in server's snapshot written
 * before reservations existed shows all of its units as sellable; and a real instance serving https with bearer
 * tokens is used through the page with the token a person types in.
 */
class StatusPageIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TOKEN = "s3cret-token";

    @TempDir
    static Path stores;

    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        // Accepting the self-signed certificate of the https instance below, as a person would after the warning.
        browser = HeadlessChromium.start(true);
    }

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowMovingFiguresAndLookAnOfferUp() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 3);
             StockflowInstance instance = StockflowInstance.start(topics, Map.of());
             Feed feed = new Feed(topics)) {
            // Given: an offer to look up, a steady feed of other offers, and one record that is no Avro
            final Instant now = Instant.now();
            final Instant counted = now.minusSeconds(10);
            topics.send(new StockUpdate("boots-1", "acme", "BOOTS,BLACK/44", "berlin", 13, counted));
            topics.send(new PriceUpdate("boots-2", "acme", "BOOTS,BLACK/44", "zalando-de", "EUR", 12_999L, 8_999L,
                    now));
            feed.start();
            topics.sendRaw(topics.stockTopic(), "acme:BAD-1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

            // When
            browser.get("http://localhost:" + instance.port() + "/");

            // Then: the figures arrive and move
            final WebDriverWait wait = new WebDriverWait(browser, DEADLINE, Duration.ofMillis(200));
            until(wait, "state RUNNING", page -> "RUNNING".equals(text(page, "state")));
            until(wait, "events and snapshots",
                    page -> number(page, "events-rate") > 0 && number(page, "snapshots-total") > 0);
            final long eventsSeen = (long) number(browser, "events-total");
            until(wait, "more events than " + eventsSeen, page -> number(page, "events-total") > eventsSeen);
            until(wait, "one undecodable dead letter",
                    page -> "1".equals(cell(page, "dead-letters-undecodable", "total")));
            until(wait, "the lag of 12 input partitions (4 inputs, 3 partitions each)",
                    page -> page.findElements(By.cssSelector("#lag .chip")).size() == 12);
            until(wait, "changed events", page -> number(page, "outcome-changed", "total") > 0);
            until(wait, "a latency median", page -> !text(page, "latency-p50").startsWith("\u2013"));
            until(wait, "the events line in the chart", page -> chartHasLine(page, "chart"));
            assertThat(text(browser, "instance")).isEqualTo("localhost:" + instance.port());
            assertThat(text(browser, "restoration")).isEqualTo("Nothing to restore: every store is up to date.");

            // And: typing an offer key into the lookup box shows its snapshot
            browser.findElement(By.id("lookup-key")).sendKeys("acme:BOOTS,BLACK/44");
            browser.findElement(By.id("lookup-button")).click();
            until(wait, "the looked-up offer", page -> text(page, "lookup-status").contains("13 units"));
            assertThat(text(browser, "lookup-status")).startsWith("acme:BOOTS,BLACK/44")
                    .contains("13 units, 0 reserved, 13 sellable, available");
            assertThat(cells(browser, "lookup-locations")).containsExactly("berlin", "13", "0", "13");
            assertThat(text(browser, "lookup-json")).contains("\"sku\": \"BOOTS,BLACK/44\"")
                    .contains("\"totalQuantity\": 13").contains("\"effectivePrice\": 8999");
            assertThat(text(browser, "lookup-summary")).contains("berlin").contains("zalando-de")
                    .contains("\u20ac89.99");
            assertThat(browser.getCurrentUrl()).endsWith("#acme%3ABOOTS%2CBLACK%2F44");

            // And: an order line placed after the partner's count reserves 2 of its units at berlin; it is the one
            // order event, changed (it started a reservation), and the lookup shows the units reserved and sellable
            topics.send(new OrderLineEvent("order-1", "o-1001", "acme", "BOOTS,BLACK/44", "berlin", 2,
                    OrderLineStatus.PLACED, counted.plusSeconds(5)));
            until(wait, "one changed order event", page -> "1".equals(cell(page, "order-outcome-changed", "total")));
            assertThat(number(browser, "order-outcome-unchanged", "total")).isZero();
            lookUpUntil(wait, "the reservation in the lookup", "2 reserved");
            assertThat(text(browser, "lookup-status")).contains("13 units, 2 reserved, 11 sellable, available");
            assertThat(cells(browser, "lookup-locations")).containsExactly("berlin", "13", "2", "11");
            assertThat(text(browser, "lookup-json")).contains("\"reservedQuantity\": 2")
                    .contains("\"sellableQuantity\": 11");

            // And: an unknown offer says so
            browser.findElement(By.id("lookup-key")).clear();
            browser.findElement(By.id("lookup-key")).sendKeys("acme:NOPE-1");
            browser.findElement(By.id("lookup-button")).click();
            until(wait, "an unknown offer", page -> text(page, "lookup-status").contains("unknown or delisted"));
            assertNoScriptOrPolicyErrors();
        }
    }

    @Test
    void shouldAskForATokenOnA401AndSendItAsBearerToken() throws Exception {
        // Given: a server with the real page whose /status wants a bearer token
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 8);
        server.createContext("/", exchange -> serveWithToken(exchange, authorizations));
        server.start();
        try {
            // When
            browser.get("http://localhost:" + server.getAddress().getPort() + "/");
            final WebDriverWait wait = new WebDriverWait(browser, DEADLINE, Duration.ofMillis(200));
            until(wait, "the token box", page -> page.findElement(By.id("token-box")).isDisplayed());
            browser.findElement(By.id("token-input")).sendKeys(TOKEN);
            browser.findElement(By.id("token-button")).click();

            // Then: the figures, fetched with the token, which stays in this tab only
            until(wait, "figures fetched with the token", page -> "stockflow-1:8080".equals(text(page, "instance")));
            assertThat(browser.findElement(By.id("token-box")).isDisplayed()).isFalse();
            assertThat(text(browser, "events-rate")).isEqualTo("153");
            assertThat(text(browser, "restoration-eta")).isEqualTo("12 s");
            assertThat(authorizations).contains("Bearer " + TOKEN);
            assertThat(browser.executeScript("return sessionStorage.getItem('stockflow.token')")).isEqualTo(TOKEN);
            assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldShowTheOrderOutcomesAndAnOldSnapshotsUnitsAsAllSellable() throws Exception {
        // Given: a server with the real page, known figures, and a snapshot written before reservations existed
        // (no reserved quantities, sellable null)
        final HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 8);
        server.createContext("/", StatusPageIT::serveOldSnapshot);
        server.start();
        try {
            // When
            browser.get("http://localhost:" + server.getAddress().getPort() + "/#acme:OLD-1");

            // Then: the order events by outcome of the figures
            final WebDriverWait wait = new WebDriverWait(browser, DEADLINE, Duration.ofMillis(200));
            until(wait, "the figures", page -> "stockflow-1:8080".equals(text(page, "instance")));
            until(wait, "the order outcomes", page -> "400".equals(cell(page, "order-outcome-changed", "total")));
            assertThat(cell(browser, "order-outcome-changed", "rate")).isEqualTo("13");
            assertThat(cell(browser, "order-outcome-duplicate", "rate")).isEqualTo("0.5");
            assertThat(cell(browser, "order-outcome-unchanged", "total")).isEqualTo("90");
            assertThat(cell(browser, "order-outcome-invalid", "total")).isEqualTo("1");
            assertThat(cell(browser, "outcome-changed", "total")).isEqualTo("5,000");

            // And: the old snapshot reserves nothing, so all its units are sellable
            until(wait, "the looked-up offer", page -> text(page, "lookup-status").contains("7 units"));
            assertThat(text(browser, "lookup-status")).startsWith("acme:OLD-1")
                    .contains("7 units, 0 reserved, 7 sellable, available");
            assertThat(cells(browser, "lookup-locations")).containsExactly("hamburg", "7", "0", "7");
            assertNoScriptOrPolicyErrors();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldBeUsableOverHttpsWithTheTokenAPersonTypesIn() throws Exception {
        // Given: an instance serving https that asks for bearer tokens, and an offer to look up
        final Path keyStore = SelfSignedStores.keyStore(stores, "status-page", "store-pw-42");
        final Path tokens = Files.writeString(stores.resolve("tokens"), "# people\n" + TOKEN + "\n");
        try (TestTopics topics = new TestTopics(KAFKA, 1);
             StockflowInstance instance = StockflowInstance.start(topics, Map.of(
                     HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG, keyStore.toString(),
                     HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG, "store-pw-42",
                     HttpSecuritySettings.TOKENS_FILE_CONFIG, tokens.toString()))) {
            topics.send(new StockUpdate("coat-1", "acme", "COAT-9", "hamburg", 4, Instant.now()));

            // When: the page is opened and the person gives the token it asks for
            browser.get("https://localhost:" + instance.port() + "/");
            final WebDriverWait wait = new WebDriverWait(browser, DEADLINE, Duration.ofMillis(200));
            until(wait, "the token box", page -> page.findElement(By.id("token-box")).isDisplayed());
            browser.findElement(By.id("token-input")).sendKeys(TOKEN);
            browser.findElement(By.id("token-button")).click();

            // Then: the figures arrive, and a lookup goes through with the token
            until(wait, "state RUNNING", page -> "RUNNING".equals(text(page, "state")));
            assertThat(text(browser, "instance")).isEqualTo("localhost:" + instance.port());
            browser.findElement(By.id("lookup-key")).sendKeys("acme:COAT-9");
            browser.findElement(By.id("lookup-button")).click();
            until(wait, "the looked-up offer", page -> text(page, "lookup-status").contains("4 units"));
            assertThat(browser.executeScript("return sessionStorage.getItem('stockflow.token')")).isEqualTo(TOKEN);
            assertNoScriptOrPolicyErrors();
        }
    }

    private static void serveWithToken(final HttpExchange exchange, final List<String> authorizations)
            throws IOException {
        try (exchange) {
            final String path = exchange.getRequestURI().getPath();
            final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if ("/".equals(path)) {
                StatusPage.HEADERS.forEach(exchange.getResponseHeaders()::set);
                send(exchange, 200, StatusPage.CONTENT_TYPE, StatusPage.html());
            } else if ("/status".equals(path) && ("Bearer " + TOKEN).equals(authorization)) {
                authorizations.add(authorization);
                send(exchange, 200, "application/json", StatusJson.write(StatusReports.sample()));
            } else {
                send(exchange, 401, "application/json", "{\"error\":\"a bearer token is needed\"}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The page, {@link StatusReports#sample()} as its figures, and one offer as an old snapshot reads. */
    private static void serveOldSnapshot(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String path = exchange.getRequestURI().getPath();
            if ("/".equals(path)) {
                StatusPage.HEADERS.forEach(exchange.getResponseHeaders()::set);
                send(exchange, 200, StatusPage.CONTENT_TYPE, StatusPage.html());
            } else if ("/status".equals(path)) {
                send(exchange, 200, "application/json", StatusJson.write(StatusReports.sample()));
            } else if ("/offers/acme/OLD-1".equals(path)) {
                send(exchange, 200, "application/json", ("{\"partnerId\":\"acme\",\"sku\":\"OLD-1\","
                        + "\"totalQuantity\":7,\"available\":true,\"locations\":[{\"locationId\":\"hamburg\","
                        + "\"quantity\":7,\"updatedAt\":1765000000000,\"sellableQuantity\":null}],\"prices\":[],"
                        + "\"updatedAt\":1765000000000,\"sellableQuantity\":null}").getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"unknown\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(final HttpExchange exchange, final int status, final String type, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The page's own script ran, and nothing it does was blocked by its Content Security Policy. */
    private void assertNoScriptOrPolicyErrors() {
        final List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Uncaught"))
                .toList();
        assertThat(problems).isEmpty();
    }

    /**
     * Polls until {@code condition} holds, or fails at the deadline naming what it waited for. The page rebuilds
     * its table rows on every refresh, so an element found a moment ago may be gone when read: that is one more
     * poll, not a failure.
     */
    private static void until(final WebDriverWait wait, final String what,
                              final Function<WebDriver, Boolean> condition) {
        wait.withMessage(() -> "waiting for " + what).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private static String text(final WebDriver page, final String id) {
        return page.findElement(By.id(id)).getText().trim();
    }

    /**
     * Looks the offer in the lookup box up again until its status says {@code expected}: the page looks up only
     * when asked, and the store may answer a moment after the counters moved.
     */
    private static void lookUpUntil(final WebDriverWait wait, final String what, final String expected) {
        until(wait, what, page -> {
            final String status = text(page, "lookup-status");
            if (status.contains(expected)) {
                return true;
            }
            if (!status.startsWith("Looking")) {
                page.findElement(By.id("lookup-button")).click();
            }
            return false;
        });
    }

    /** The texts of the data cells of the table with this id (its header row left out), row after row. */
    private static List<String> cells(final WebDriver page, final String tableId) {
        return page.findElements(By.cssSelector("#" + tableId + " td")).stream()
                .map(cell -> cell.getText().trim()).toList();
    }

    /**
     * The text of one cell of a table the page rebuilds on every refresh, read in one script call: an element found
     * first and read after could be gone in between, also outside {@link #until}.
     */
    private static String cell(final WebDriver page, final String rowId, final String cellClass) {
        return String.valueOf(((JavascriptExecutor) page).executeScript(
                "var c = document.querySelector('#' + arguments[0] + ' td.' + arguments[1]);"
                        + "return c ? c.textContent : '';", rowId, cellClass)).trim();
    }

    private static double number(final WebDriver page, final String id) {
        return parse(text(page, id));
    }

    private static double number(final WebDriver page, final String rowId, final String cellClass) {
        return parse(cell(page, rowId, cellClass));
    }

    private static double parse(final String shown) {
        final String digits = shown.replace(",", "");
        return digits.matches("[0-9]+(\\.[0-9]+)?") ? Double.parseDouble(digits) : -1;
    }

    /** Whether the canvas shows some of the events line (the page draws it in #2563eb, on top of the others). */
    private static boolean chartHasLine(final WebDriver page, final String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) page).executeScript(
                "var c = document.getElementById(arguments[0]);"
                        + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "for (var i = 0; i < d.length; i += 4) {"
                        + "  if (d[i] === 37 && d[i + 1] === 99 && d[i + 2] === 235 && d[i + 3] === 255) {"
                        + "    return true;"
                        + "  }"
                        + "}"
                        + "return false;", id));
    }

    /** Keeps producing stock updates for twenty offers, fifty a second, until closed. */
    private static final class Feed implements AutoCloseable {
        private final TestTopics topics;
        private final AtomicLong sent = new AtomicLong();
        private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "status-page-it-feed");
            thread.setDaemon(true);
            return thread;
        });

        Feed(final TestTopics topics) {
            this.topics = topics;
        }

        void start() {
            pacer.scheduleAtFixedRate(() -> {
                final long n = sent.incrementAndGet();
                topics.send(new StockUpdate("feed-" + n, "acme", "SKU-" + n % 20, "berlin", (int) (n % 7),
                        Instant.now()));
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            pacer.shutdownNow();
            try {
                pacer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
