package dev.stockflow.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks offers up on one instance's HTTP API ({@code GET /offers/{partnerId}/{sku}}) over and over, round
 * the given keys, and keeps every answer with what the snapshot topic had committed for the key when the
 * lookup was sent.
 */
final class LookupProber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LookupProber.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int STATUS_UNANSWERED = -1;
    /** Between two lookups: about 50 a second, a steady reader that leaves the instance room to process. */
    private static final long PAUSE_MS = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final int port;
    private final Map<String, Integer> partitionsByKey;
    private final SnapshotTail tail;
    private final List<Lookup> lookups = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread = new Thread(this::probe, "lookup-prober");
    private volatile boolean running = true;

    /**
     * One lookup.
     *
     * @param partition     the key's partition
     * @param status        the HTTP status, or -1 when no answer came
     * @param committedSeen the key's snapshot-topic records committed (and read) when the lookup was sent
     */
    record Lookup(String key, int partition, long sentAt, long answeredAt, int status, byte[] body,
                  int committedSeen) {

        /** 200 or 404: the instance answered from the store, not "not ready". */
        boolean served() {
            return status == 200 || status == 404;
        }
    }

    LookupProber(final int port, final Map<String, Integer> partitionsByKey, final SnapshotTail tail) {
        this.port = port;
        this.partitionsByKey = Map.copyOf(partitionsByKey);
        this.tail = tail;
        thread.setDaemon(true);
        thread.start();
    }

    private void probe() {
        final List<String> keys = new ArrayList<>(partitionsByKey.keySet());
        final Map<String, Integer> lastStatus = new HashMap<>();
        LOG.info("Looking up {} offers on port {}: {}", keys.size(), port, partitionsByKey);
        while (running) {
            for (final String key : keys) {
                final Lookup lookup = lookUp(key);
                lookups.add(lookup);
                if (!Integer.valueOf(lookup.status()).equals(lastStatus.put(key, lookup.status()))) {
                    LOG.info("Lookup of {} (partition {}) answers {}", key, lookup.partition(), lookup.status());
                }
                Pause.millis(PAUSE_MS);
            }
        }
    }

    private Lookup lookUp(final String key) {
        final int committed = tail.count(key);
        final long sentAt = System.currentTimeMillis();
        final int colon = key.indexOf(':');
        final URI uri = URI.create("http://localhost:" + port + "/offers/" + encode(key.substring(0, colon)) + "/"
                + encode(key.substring(colon + 1)));
        try {
            final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Lookup(key, partitionsByKey.get(key), sentAt, System.currentTimeMillis(),
                    response.statusCode(), response.body(), committed);
        } catch (final IOException e) {
            return new Lookup(key, partitionsByKey.get(key), sentAt, System.currentTimeMillis(), STATUS_UNANSWERED,
                    new byte[0], committed);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return new Lookup(key, partitionsByKey.get(key), sentAt, System.currentTimeMillis(), STATUS_UNANSWERED,
                    new byte[0], committed);
        }
    }

    /** Percent-encodes a path segment (UTF-8), leaving the unreserved characters of RFC 3986. */
    private static String encode(final String segment) {
        final StringBuilder encoded = new StringBuilder();
        for (final byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            final char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /** Every lookup so far. */
    List<Lookup> lookups() {
        synchronized (lookups) {
            return List.copyOf(lookups);
        }
    }

    /**
     * When every given partition had been served (200 or 404) by a lookup sent after {@code since}: the latest
     * of the partitions' first such answers (epoch ms), or 0 while one has not been.
     */
    long allServedAfter(final long since, final Iterable<Integer> partitions) {
        long latest = 0;
        for (final int partition : partitions) {
            final long first = lookups().stream()
                    .filter(lookup -> lookup.partition() == partition && lookup.sentAt() >= since && lookup.served())
                    .mapToLong(Lookup::answeredAt).min().orElse(0);
            if (first == 0) {
                return 0;
            }
            latest = Math.max(latest, first);
        }
        return latest;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TIMEOUT.toMillis() * 2);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
