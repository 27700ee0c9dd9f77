package dev.stockflow.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checked list of metric names the chart may use: src/test/resources/helm/expected-metric-names.txt,
 * one name per line as it appears in Stockflow's /metrics output, '#' starting a comment.
 */
final class ExpectedMetricNames {

    static final String RESOURCE = "/helm/expected-metric-names.txt";

    private ExpectedMetricNames() {
    }

    static Set<String> load() {
        try (InputStream in = ExpectedMetricNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> parse(final String text) {
        final Set<String> names = new TreeSet<>();
        for (final String line : text.split("\n")) {
            final String name = line.replaceFirst("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
