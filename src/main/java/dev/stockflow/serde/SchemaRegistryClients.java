package dev.stockflow.serde;

import java.util.Locale;
import java.util.function.Supplier;

/** Picks the registry client that {@code schema.registry.url} names. */
public final class SchemaRegistryClients {

    private static final String MOCK_PREFIX = "mock://";

    private SchemaRegistryClients() {
    }

    /**
     * {@code mock://scope}: the in-memory registry of that scope, shared by everything in this JVM that
     * names it; {@code http://} or {@code https://} (comma-separated for several): an HTTP client with the
     * given settings. The settings are only asked for then, since a mock registry has none.
     *
     * @param url          the {@code schema.registry.url} value
     * @param httpSettings the HTTP client's settings, built from the same configuration as the URL
     * @throws IllegalArgumentException the URL is missing or of another kind, or the HTTP settings are invalid
     */
    public static SchemaRegistryClient create(final String url, final Supplier<SchemaRegistrySettings> httpSettings) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(SchemaRegistrySettings.URL_CONFIG
                    + " is not set: give an http(s):// Schema Registry URL or mock://scope for an in-process one");
        }
        final String trimmed = url.trim();
        final String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(MOCK_PREFIX)) {
            return InMemorySchemaRegistry.forScope(mockScope(trimmed));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new HttpSchemaRegistryClient(httpSettings.get());
        }
        throw new IllegalArgumentException(SchemaRegistrySettings.URL_CONFIG
                + " must be an http:// or https:// Schema Registry URL or mock://scope, got '"
                + withoutUserInfo(trimmed) + "'");
    }

    /** As {@link #create(String, Supplier)}, an HTTP registry with every other setting at its default. */
    public static SchemaRegistryClient create(final String url) {
        return create(url, () -> SchemaRegistrySettings.withDefaults(SchemaRegistrySettings.parseUrls(url)));
    }

    /**
     * Checks the form of a {@code schema.registry.url} without connecting anywhere.
     *
     * @throws IllegalArgumentException what is wrong with it
     */
    public static void checkUrl(final String url) {
        final String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith(MOCK_PREFIX)) {
            mockScope(url);
            return;
        }
        for (final String one : url.split(",")) {
            final String candidate = one.strip().toLowerCase(Locale.ROOT);
            if (!(candidate.startsWith("http://") || candidate.startsWith("https://"))
                    || candidate.length() <= candidate.indexOf("://") + 3) {
                throw new IllegalArgumentException(SchemaRegistrySettings.URL_CONFIG + " must be http(s)://host[:port]"
                        + " (several comma-separated) or mock://scope, got '" + withoutUserInfo(one.strip()) + "'");
            }
        }
    }

    private static String mockScope(final String url) {
        final String scope = url.substring(MOCK_PREFIX.length());
        if (scope.isEmpty() || scope.contains(",") || scope.contains("/")) {
            throw new IllegalArgumentException(SchemaRegistrySettings.URL_CONFIG
                    + " must be mock://scope with one scope name (no ',' or '/'), got '" + url + "'");
        }
        return scope;
    }

    /** Masks whatever precedes an '@': a rejected URL may still carry a password. */
    private static String withoutUserInfo(final String url) {
        final int at = url.indexOf('@');
        final int scheme = url.indexOf("://");
        return at < 0 ? url : (scheme < 0 ? "" : url.substring(0, scheme + 3)) + "****@" + url.substring(at + 1);
    }
}
