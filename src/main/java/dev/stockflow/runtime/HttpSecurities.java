package dev.stockflow.runtime;

import dev.stockflow.config.EnvironmentMapping;
import dev.stockflow.config.HttpSecuritySettings;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.http.HttpSecurity;
import dev.stockflow.http.HttpTls;
import dev.stockflow.http.TokenFileWatcher;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The HTTP API's TLS and bearer tokens from the settings, checked at start: a keystore or token file that cannot
 * be used is a configuration error naming the setting (exit code 2), never a password or a token.
 */
final class HttpSecurities {

    private HttpSecurities() {
    }

    /**
     * @throws ConfigException a store or the token file cannot be used, or a truststore is set without TLS
     */
    static HttpSecurity from(final StockflowConfig config) {
        final Path keyStore = path(config, HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG);
        final Path trustStore = path(config, HttpSecuritySettings.TRUSTSTORE_LOCATION_CONFIG);
        if (keyStore == null && trustStore != null) {
            throw fix(HttpSecuritySettings.TRUSTSTORE_LOCATION_CONFIG, "is set but "
                    + HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG + " is not: the truststore is only used to "
                    + "forward lookups over https", "set both or neither");
        }
        final SSLContext server = keyStore == null ? null : tls(HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG,
                () -> HttpTls.serverContext(keyStore, password(config, HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG)));
        final SSLContext forward = keyStore == null ? null : forwardContext(config, keyStore, trustStore);
        final Path tokensFile = path(config, HttpSecuritySettings.TOKENS_FILE_CONFIG);
        final TokenFileWatcher tokens = tokensFile == null ? null
                : checked(HttpSecuritySettings.TOKENS_FILE_CONFIG, "give a readable file with one token per line",
                        () -> HttpSecurity.watchTokens(tokensFile));
        return new HttpSecurity(server, forward, tokens, config.getBoolean(HttpSecuritySettings.METRICS_OPEN_CONFIG));
    }

    /** Forwarded lookups trust the truststore, or the keystore's own certificates without one. */
    private static SSLContext forwardContext(final StockflowConfig config, final Path keyStore,
                                             final Path trustStore) {
        if (trustStore == null) {
            return tls(HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG, () -> HttpTls.clientContext(keyStore,
                    password(config, HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG)));
        }
        return tls(HttpSecuritySettings.TRUSTSTORE_LOCATION_CONFIG, () -> HttpTls.clientContext(trustStore,
                password(config, HttpSecuritySettings.TRUSTSTORE_PASSWORD_CONFIG)));
    }

    private static <T> T tls(final String setting, final Builder<T> builder) {
        return checked(setting, "check the file and its password", builder);
    }

    private static <T> T checked(final String setting, final String fix, final Builder<T> builder) {
        try {
            return builder.build();
        } catch (final IllegalArgumentException e) {
            throw fix(setting, "cannot be used: " + e.getMessage(), fix);
        }
    }

    private static ConfigException fix(final String setting, final String problem, final String fix) {
        return new ConfigException("Setting '" + setting + "' " + problem + ". Fix: " + fix + " (" + setting
                + " in the --config file or " + EnvironmentMapping.variableFor(setting) + ").");
    }

    private static Path path(final StockflowConfig config, final String setting) {
        final String value = config.getString(setting);
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    private static Password password(final StockflowConfig config, final String setting) {
        return config.optionalPassword(setting);
    }

    @FunctionalInterface
    private interface Builder<T> {
        T build();
    }
}
