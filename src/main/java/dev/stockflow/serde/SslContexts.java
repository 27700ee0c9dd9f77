package dev.stockflow.serde;

import dev.stockflow.serde.SchemaRegistrySettings.StoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.types.Password;

/** Builds the TLS context for https registries from the configured truststore and keystore. */
final class SslContexts {

    private SslContexts() {
    }

    /** The context for the settings, or null when neither store is set (the JVM's defaults then apply). */
    static SSLContext from(final SchemaRegistrySettings settings) {
        if (settings.trustStore() == null && settings.keyStore() == null) {
            return null;
        }
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(settings.keyStore()), trustManagers(settings.trustStore()), null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the Schema Registry: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(final StoreSettings store) throws GeneralSecurityException {
        if (store == null) {
            return null;
        }
        final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        final Password key = store.effectiveKeyPassword();
        try {
            factory.init(load(store, SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG),
                    key == null ? null : key.value().toCharArray());
        } catch (final UnrecoverableKeyException e) {
            final String tried = store.keyPassword() != null ? SchemaRegistrySettings.KEY_PASSWORD_CONFIG
                    : SchemaRegistrySettings.KEYSTORE_PASSWORD_CONFIG + " (set "
                            + SchemaRegistrySettings.KEY_PASSWORD_CONFIG + " when the key has a password of its own)";
            throw new IllegalArgumentException("Cannot open the key in "
                    + SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG + " " + store.location() + " with " + tried
                    + ": " + e.getMessage(), e);
        }
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(final StoreSettings store) throws GeneralSecurityException {
        if (store == null) {
            return null;
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(store, SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG));
        return factory.getTrustManagers();
    }

    private static KeyStore load(final StoreSettings store, final String locationKey) throws GeneralSecurityException {
        final KeyStore keyStore = KeyStore.getInstance(store.type());
        try (InputStream in = Files.newInputStream(store.location())) {
            keyStore.load(in, password(store));
        } catch (final IOException e) {
            throw new IllegalArgumentException("Cannot read " + locationKey + " " + store.location() + ": "
                    + e.getMessage(), e);
        }
        return keyStore;
    }

    private static char[] password(final StoreSettings store) {
        return store.password() == null ? null : store.password().value().toCharArray();
    }
}
