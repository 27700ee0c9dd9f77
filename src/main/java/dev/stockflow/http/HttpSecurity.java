package dev.stockflow.http;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * How the HTTP API protects itself: TLS (the server's context, and the one lookups forwarded to the owning
 * instance are sent with) and bearer tokens (read from a file that is watched for changes).
 *
 * @param serverTls   the server's TLS context, or null for plain HTTP
 * @param forwardTls  the context forwarded lookups use (https whenever {@code serverTls} is set), or null
 * @param tokens      the accepted tokens, or null when no token is asked for
 * @param metricsOpen whether {@code /metrics} answers without a token when tokens are asked for
 */
public record HttpSecurity(SSLContext serverTls, SSLContext forwardTls, TokenFileWatcher tokens,
                           boolean metricsOpen) implements AutoCloseable {

    /** Plain HTTP, no tokens: every path open. */
    public static final HttpSecurity NONE = new HttpSecurity(null, null, null, false);

    public HttpSecurity {
        if ((serverTls == null) != (forwardTls == null)) {
            throw new IllegalArgumentException("TLS needs both the server's and the forwarding context");
        }
    }

    /**
     * With the tokens of this file, read now and then every second.
     *
     * @throws IllegalArgumentException the file cannot be read or holds no valid token
     */
    public static TokenFileWatcher watchTokens(final Path file) {
        return new TokenFileWatcher(file).start();
    }

    /** Whether answers go over https. */
    public boolean tls() {
        return serverTls != null;
    }

    /** The scheme of this API's URLs. */
    public String scheme() {
        return tls() ? "https" : "http";
    }

    /** Stops watching the token file. */
    @Override
    public void close() {
        if (tokens != null) {
            tokens.close();
        }
    }
}
