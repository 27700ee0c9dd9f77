package dev.stockflow.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach an HTTP Schema Registry. The keys are Stockflow's settings (the configuration defines,
 * types and validates them; it builds these settings once, see {@code StockflowConfig#registrySettings}).
 * Secrets stay {@link Password}s, whose {@code toString} hides them, until a request needs them.
 *
 * @param urls                registries speaking the Confluent REST API, tried in turn when one fails;
 *                            credentials in a URL's userinfo apply to that URL
 * @param basicAuthUserInfo   {@code user:password} for every URL without its own userinfo, or null
 * @param trustStore          the certificates to trust for https, or null for the JVM's default
 * @param keyStore            the client certificate for mutual TLS, or null
 * @param requestTimeout      bound on connecting and on each request
 * @param maxRetries          how many more rounds over the URLs after a round of failures (5xx or no answer)
 * @param retryBackoff        the pause before the first retry round; it doubles for each further round
 */
public record SchemaRegistrySettings(
        List<URI> urls,
        Password basicAuthUserInfo,
        StoreSettings trustStore,
        StoreSettings keyStore,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff) {

    public static final String URL_CONFIG = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION_CONFIG = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
    public static final String KEY_PASSWORD_CONFIG = "schema.registry.ssl.key.password";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES_CONFIG = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";

    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 10_000;
    public static final int MAX_RETRIES_DEFAULT = 3;
    public static final long RETRY_BACKOFF_MS_DEFAULT = 100;
    /** Kafka's default for {@code ssl.*.type}; a JKS keystore object also loads PKCS12 files. */
    public static final String STORE_TYPE_DEFAULT = "JKS";

    private static final String MASK = "****";

    public SchemaRegistrySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL_CONFIG + " must name at least one http:// or https:// URL");
        }
        urls.forEach(SchemaRegistrySettings::requireHttpUrl);
        if (basicAuthUserInfo != null && basicAuthUserInfo.value().indexOf(':') < 0) {
            throw new IllegalArgumentException(BASIC_AUTH_USER_INFO_CONFIG + " must be user:password");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT_MS_CONFIG + " must be positive, got "
                    + requestTimeout.toMillis());
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES_CONFIG + " must be 0 or more, got " + maxRetries);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException(RETRY_BACKOFF_MS_CONFIG + " must be 0 or more, got "
                    + retryBackoff.toMillis());
        }
    }

    /** The URLs with every other setting at its default: no credentials, the JVM's trust, default timing. */
    public static SchemaRegistrySettings withDefaults(final List<URI> urls) {
        return new SchemaRegistrySettings(urls, null, null, null, Duration.ofMillis(REQUEST_TIMEOUT_MS_DEFAULT),
                MAX_RETRIES_DEFAULT, Duration.ofMillis(RETRY_BACKOFF_MS_DEFAULT));
    }

    /** The URL with any password in its userinfo replaced by a mask, fit for logs and messages. */
    public static String masked(final URI url) {
        final String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return url.toString();
        }
        return url.toString().replace(userInfo + "@", maskUserInfo(userInfo) + "@");
    }

    /**
     * The URLs of a {@code schema.registry.url} value: comma-separated, blanks around and empty entries
     * ignored.
     *
     * @throws IllegalArgumentException the value is blank or an entry is no URL (the message never repeats it)
     */
    public static List<URI> parseUrls(final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(URL_CONFIG
                    + " is not set: give the Schema Registry URL, e.g. http://localhost:8081");
        }
        final List<URI> urls = new ArrayList<>();
        final String[] entries = text.trim().split(",");
        for (int i = 0; i < entries.length; i++) {
            final String entry = entries[i].trim();
            if (!entry.isEmpty()) {
                urls.add(parseUrl(entry, i + 1));
            }
        }
        return urls;
    }

    private static URI parseUrl(final String entry, final int position) {
        try {
            return new URI(entry);
        } catch (final URISyntaxException e) {
            // The reason only: the full message repeats the input, which may hold a password.
            throw new IllegalArgumentException(URL_CONFIG + " entry " + position + " is not a valid URL: "
                    + e.getReason(), e);
        }
    }

    private static void requireHttpUrl(final URI url) {
        final String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException(URL_CONFIG + " must list http:// or https:// URLs with a host, got "
                    + masked(url));
        }
    }

    private static String maskUserInfo(final String userInfo) {
        final int colon = userInfo.indexOf(':');
        return colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK;
    }

    @Override
    public String toString() {
        return "SchemaRegistrySettings[urls="
                + urls.stream().map(SchemaRegistrySettings::masked).collect(Collectors.joining(","))
                + ", basicAuthUserInfo=" + (basicAuthUserInfo == null ? "none"
                        : maskUserInfo(basicAuthUserInfo.value()))
                + ", trustStore=" + trustStore
                + ", keyStore=" + keyStore
                + ", requestTimeout=" + requestTimeout.toMillis() + "ms"
                + ", maxRetries=" + maxRetries
                + ", retryBackoff=" + retryBackoff.toMillis() + "ms]";
    }

    /**
     * A keystore or truststore file.
     *
     * @param password    the store's password, or null for none
     * @param type        the store's type, such as JKS or PKCS12
     * @param keyPassword a keystore's key password when it differs from the store's, else null
     */
    public record StoreSettings(Path location, Password password, String type, Password keyPassword) {

        /** A store whose key, if any, has the store's password. */
        public StoreSettings(final Path location, final Password password, final String type) {
            this(location, password, type, null);
        }

        /** This store with its key's own password (null: the store's). */
        public StoreSettings withKeyPassword(final Password key) {
            return new StoreSettings(location, password, type, key);
        }

        /** The password the key opens with: its own, or the store's. */
        public Password effectiveKeyPassword() {
            return keyPassword != null ? keyPassword : password;
        }

        @Override
        public String toString() {
            return "[location=" + location + ", password=" + (password == null ? "none" : MASK) + ", type=" + type
                    + (keyPassword == null ? "" : ", keyPassword=" + MASK) + "]";
        }
    }
}
