package dev.stockflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a Stockflow instance's restoration through its own HTTP API, as an operator would: the readiness
 * answer (with its restore progress) and the restore metrics.
 */
final class RestoreProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final int port;

    /** One answer of {@code /health/ready}. */
    record Readiness(int status, JsonNode body) {

        /** Whether the answer reports a store restoring. */
        boolean restoring() {
            return body.has("restoring");
        }

        long restored() {
            return body.at("/restoring/restoredRecords").asLong();
        }

        long remaining() {
            return body.at("/restoring/remainingRecords").asLong();
        }
    }

    RestoreProbe(final int port) {
        this.port = port;
    }

    /** The readiness answer, or null while the instance does not answer yet. */
    Readiness readiness() throws InterruptedException {
        try {
            final HttpResponse<String> response = get("/health/ready");
            return new Readiness(response.statusCode(), JSON.readTree(response.body()));
        } catch (final IOException e) {
            return null; // not listening yet
        }
    }

    /** The value of an unlabelled series in {@code /metrics}. */
    double metric(final String series) throws IOException, InterruptedException {
        final Matcher value = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(get("/metrics").body());
        if (!value.find()) {
            throw new IllegalStateException(series + " is not in /metrics");
        }
        return Double.parseDouble(value.group(1));
    }

    private HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
