package dev.stockflow.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.types.Password;

/**
 * The TLS contexts of the HTTP API: the server's, from its keystore, and the one a lookup forwarded to the owning
 * instance is sent with, which trusts the given truststore or, without one, every certificate of the keystore
 * (the instances of one deployment share a certificate or the CA that signed theirs).
 *
 * <p>Stores are PKCS12 files; a JKS file loads too (Java reads either format whatever type it is asked for). A
 * keystore's key has the keystore's password, as PKCS12 files made by keytool or openssl do.
 */
public final class HttpTls {

    private static final String TYPE = "PKCS12";

    private HttpTls() {
    }

    /**
     * The server context of the keystore.
     *
     * @throws IllegalArgumentException the keystore cannot be read or holds no private key
     */
    public static SSLContext serverContext(final Path keyStore, final Password password) {
        final KeyStore store = load(keyStore, password);
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException(keyStore + " holds no private key: it needs the HTTP API's key "
                        + "and certificate");
            }
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, chars(password));
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key in " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /**
     * The client context trusting every certificate of the store: the trusted certificates of a truststore, or
     * the certificate chains of a keystore's keys.
     *
     * @throws IllegalArgumentException the store cannot be read or holds no certificate
     */
    public static SSLContext clientContext(final Path store, final Password password) {
        final KeyStore loaded = load(store, password);
        try {
            final KeyStore trusted = KeyStore.getInstance(TYPE);
            trusted.load(null, null);
            int count = 0;
            for (final String alias : Collections.list(loaded.aliases())) {
                for (final Certificate certificate : certificates(loaded, alias)) {
                    trusted.setCertificateEntry("cert-" + count++, certificate);
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException(store + " holds no certificate to trust");
            }
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (final GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the certificates in " + store + ": " + e.getMessage(), e);
        }
    }

    private static Certificate[] certificates(final KeyStore store, final String alias)
            throws GeneralSecurityException {
        final Certificate[] chain = store.getCertificateChain(alias);
        if (chain != null) {
            return chain;
        }
        final Certificate single = store.getCertificate(alias);
        return single == null ? new Certificate[0] : new Certificate[] {single};
    }

    private static boolean isKey(final KeyStore store, final String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (final GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore load(final Path path, final Password password) {
        try (InputStream in = Files.newInputStream(path)) {
            final KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, chars(password));
            return store;
        } catch (final IOException | GeneralSecurityException e) {
            // Java says "keystore password was incorrect" or names the file; it never repeats the password.
            final String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new IllegalArgumentException("cannot read " + path + " (" + reason + ")", e);
        }
    }

    private static char[] chars(final Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
