package dev.stockflow.serde;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Schema Registry requests with failover and bounded retries.
 *
 * <p>A round tries each URL once, starting with the one that last answered. A 5xx or no answer moves on
 * to the next URL; any other answer (success or 4xx) ends the call, since a 4xx would be the same
 * everywhere. When a whole round fails, the next round starts after a pause that doubles each time,
 * up to {@code maxRetries} more rounds; then the last failure is thrown.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/json";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);

    private final List<RegistryEndpoint> endpoints;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Pause pause;
    private final String tlsHint;
    private final AtomicInteger preferred = new AtomicInteger();

    RegistryTransport(final SchemaRegistrySettings settings, final Pause pause) {
        this.endpoints = settings.urls().stream()
                .map(url -> RegistryEndpoint.of(url, settings.basicAuthUserInfo()))
                .collect(Collectors.toUnmodifiableList());
        this.http = httpClient(settings);
        this.requestTimeout = settings.requestTimeout();
        this.maxRetries = settings.maxRetries();
        this.retryBackoff = settings.retryBackoff();
        this.pause = pause;
        this.tlsHint = tlsHint(settings);
    }

    /** What to check when an https registry refuses the handshake, given what this client presents. */
    private static String tlsHint(final SchemaRegistrySettings settings) {
        final String trust = SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG + " must hold the registry's "
                + "certificate or its CA";
        if (settings.keyStore() == null) {
            return "No client certificate is set: if the registry asks for one (mutual TLS), set "
                    + SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG + " and its password; " + trust + ".";
        }
        return "Check that the registry trusts the certificate of " + SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG
                + " " + settings.keyStore().location() + "; " + trust + ".";
    }

    /** POSTs the JSON body to the path; the reply is a success or a 4xx. */
    RegistryReply post(final String rawPath, final String jsonBody, final RegistryOperation operation) {
        return send(rawPath, jsonBody, operation);
    }

    /** GETs the path; the reply is a success or a 4xx. */
    RegistryReply get(final String rawPath, final RegistryOperation operation) {
        return send(rawPath, null, operation);
    }

    private RegistryReply send(final String rawPath, final String jsonBody, final RegistryOperation operation) {
        SchemaRegistryException lastFailure = null;
        for (int round = 0; round <= maxRetries; round++) {
            if (round > 0) {
                pauseBeforeRound(round, operation);
            }
            final int first = preferred.get();
            for (int i = 0; i < endpoints.size(); i++) {
                final int index = (first + i) % endpoints.size();
                final RegistryEndpoint endpoint = endpoints.get(index);
                try {
                    final RegistryReply reply = exchange(endpoint, rawPath, jsonBody, operation);
                    if (!reply.isServerError()) {
                        preferred.set(index);
                        return reply;
                    }
                    lastFailure = operation.failure(reply);
                } catch (final IOException e) {
                    lastFailure = refusedTls(endpoint, e) ? operation.tlsRefused(endpoint, e, tlsHint)
                            : operation.unreachable(endpoint, e);
                }
                LOG.warn("Schema Registry call failed, will try again elsewhere or later: {}",
                        lastFailure.getMessage());
            }
        }
        throw operation.exhausted((maxRetries + 1) * endpoints.size(), lastFailure);
    }

    private RegistryReply exchange(final RegistryEndpoint endpoint, final String rawPath, final String jsonBody,
            final RegistryOperation operation) throws IOException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(rawPath))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
        if (endpoint.authorization() != null) {
            request.header("Authorization", endpoint.authorization());
        }
        if (jsonBody == null) {
            request.GET();
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            final HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return RegistryReply.of(response.statusCode(), response.body(), endpoint);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw operation.interrupted(e);
        }
    }

    /** Reached over https, yet no answer: not a refused connection and not a timeout. */
    private static boolean refusedTls(final RegistryEndpoint endpoint, final IOException failure) {
        return endpoint.https() && !(failure instanceof ConnectException || failure instanceof HttpTimeoutException);
    }

    private void pauseBeforeRound(final int round, final RegistryOperation operation) {
        final Duration backoff = backoffBefore(round);
        LOG.info("Schema Registry retry round {} of {} in {} ms", round, maxRetries, backoff.toMillis());
        try {
            pause.pause(backoff);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw operation.interrupted(e);
        }
    }

    /** retryBackoff * 2^(round - 1), capped so a generous retry count cannot stall a caller for minutes. */
    private Duration backoffBefore(final int round) {
        final int doublings = Math.min(round - 1, 20);
        final Duration backoff = retryBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static HttpClient httpClient(final SchemaRegistrySettings settings) {
        // HTTP/1.1: avoids the h2c upgrade dance that some proxies in front of registries mishandle.
        final HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        final SSLContext sslContext = SslContexts.from(settings);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return endpoints.toString();
    }
}
