package dev.stockflow.serde;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.kafka.common.config.types.Password;

/**
 * One registry URL ready for requests: its base without credentials (also what messages show) and the
 * Basic auth header value, if any. The base keeps the URL's path, so a registry mounted under a prefix
 * (such as Apicurio's {@code /apis/ccompat/v7}) works.
 */
record RegistryEndpoint(String base, String authorization) {

    /** The URL's own userinfo wins over the configured {@code user:password} for that URL. */
    static RegistryEndpoint of(final URI url, final Password defaultUserInfo) {
        final String userInfo = url.getUserInfo() != null ? url.getUserInfo()
                : defaultUserInfo == null ? null : defaultUserInfo.value();
        final String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        final String path = url.getRawPath() == null ? "" : url.getRawPath();
        final String base = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + port
                + stripTrailingSlashes(path);
        return new RegistryEndpoint(base, userInfo == null ? null : basic(userInfo));
    }

    boolean https() {
        return base.startsWith("https://");
    }

    /** The URI of a request path such as {@code /schemas/ids/7} (already percent-encoded). */
    URI resolve(final String rawPath) {
        return URI.create(base + rawPath);
    }

    private static String basic(final String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static String stripTrailingSlashes(final String path) {
        String stripped = path;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    /** Never shows the credentials. */
    @Override
    public String toString() {
        return base;
    }
}
