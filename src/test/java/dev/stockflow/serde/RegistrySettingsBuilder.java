package dev.stockflow.serde;

import dev.stockflow.serde.SchemaRegistrySettings.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;

/** HTTP registry settings for tests: the defaults, with what a test sets. */
final class RegistrySettingsBuilder {

    private final String urls;
    private Password basicAuthUserInfo;
    private StoreSettings trustStore;
    private StoreSettings keyStore;
    private Duration requestTimeout = Duration.ofMillis(SchemaRegistrySettings.REQUEST_TIMEOUT_MS_DEFAULT);
    private int maxRetries = SchemaRegistrySettings.MAX_RETRIES_DEFAULT;
    private Duration retryBackoff = Duration.ofMillis(SchemaRegistrySettings.RETRY_BACKOFF_MS_DEFAULT);

    private RegistrySettingsBuilder(final String urls) {
        this.urls = urls;
    }

    /** @param urls as {@code schema.registry.url} takes them, comma-separated */
    static RegistrySettingsBuilder forUrls(final String urls) {
        return new RegistrySettingsBuilder(urls);
    }

    RegistrySettingsBuilder basicAuthUserInfo(final String userInfo) {
        this.basicAuthUserInfo = new Password(userInfo);
        return this;
    }

    RegistrySettingsBuilder trustStore(final Path location, final String password, final String type) {
        this.trustStore = new StoreSettings(location, password == null ? null : new Password(password), type);
        return this;
    }

    RegistrySettingsBuilder keyStore(final Path location, final String password, final String type,
                                     final String keyPassword) {
        this.keyStore = new StoreSettings(location, new Password(password), type,
                keyPassword == null ? null : new Password(keyPassword));
        return this;
    }

    RegistrySettingsBuilder requestTimeout(final Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    RegistrySettingsBuilder maxRetries(final int retries) {
        this.maxRetries = retries;
        return this;
    }

    RegistrySettingsBuilder retryBackoff(final Duration backoff) {
        this.retryBackoff = backoff;
        return this;
    }

    SchemaRegistrySettings build() {
        return new SchemaRegistrySettings(SchemaRegistrySettings.parseUrls(urls), basicAuthUserInfo, trustStore, keyStore,
                requestTimeout, maxRetries, retryBackoff);
    }
}
