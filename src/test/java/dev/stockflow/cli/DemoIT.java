package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.Stockflow;
import dev.stockflow.testkit.ConsoleCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code stockflow demo} as a new user runs it: its printed lookups answer with real data, then it ends. */
class DemoIT {

    private static final Pattern FIRST_CURL = Pattern.compile("curl -s (http://localhost:\\d+/offers/\\S+)");
    /** The status page's address, alone on the line after the one that announces it. */
    private static final Pattern STATUS_PAGE = Pattern.compile("status page[^\\n]*\\n\\s+(http://localhost:\\d+/)\\s*\\n");
    private static final Pattern METRICS_CURL = Pattern.compile("curl -s (http://localhost:\\d+/metrics)");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void shouldServeThePrintedLookupsAndStopAfterTheEventsAsked() throws Exception {
        // Given: the demo with a real broker, fed 4,000 events
        final CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(
                () -> Stockflow.execute("demo", "--events", "4000", "--rate", "1000", "--summary-every", "1"));

        // When: it prints its examples
        await().atMost(Duration.ofSeconds(90)).until(() -> FIRST_CURL.matcher(console.out()).find() || demo.isDone());
        final String offerUrl = first(FIRST_CURL, console.out());
        final String metricsUrl = first(METRICS_CURL, console.out());
        final HttpResponse<String> offer = get(offerUrl);
        final HttpResponse<String> metrics = get(metricsUrl);
        final String statusPageUrl = first(STATUS_PAGE, console.out());
        final HttpResponse<String> statusPage = get(statusPageUrl);
        // The figures are sampled once a second, so the first sample can still show the start-up rebalance.
        final HttpResponse<String> status = await().atMost(Duration.ofSeconds(30))
                .until(() -> get(statusPageUrl + "status"), answer -> answer.body().contains("\"state\":\"RUNNING\""));

        // Then: real answers while it runs, then a final summary and exit code 0
        assertThat(offer.statusCode()).isEqualTo(200);
        assertThat(offer.body()).contains("\"sku\":\"JACKET-42\"").contains("\"totalQuantity\":15");
        assertThat(metrics.body()).contains("stockflow_events_total");
        assertThat(console.out().indexOf(statusPageUrl)).as("the status page is the first hint")
                .isLessThan(console.out().indexOf(offerUrl));
        assertThat(statusPage.statusCode()).isEqualTo(200);
        assertThat(statusPage.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"state\":\"RUNNING\"").contains("\"eventsByOutcome\"");
        assertThat(demo.get(90, TimeUnit.SECONDS)).isZero();
        assertThat(console.out()).contains("Done: all 4000 events processed.");
    }

    private static String first(final Pattern pattern, final String text) {
        final Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("printed: " + text).isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> get(final String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
