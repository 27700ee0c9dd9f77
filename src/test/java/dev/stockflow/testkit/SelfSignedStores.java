package dev.stockflow.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PKCS12 keystores with self-signed certificates made by the JDK's own keytool, and truststores holding their
 * certificates, for tests of TLS. keytool rather than BouncyCastle: it comes with every JDK, so tests need no
 * further library, and it is the tool an operator would use for the same files.
 */
public final class SelfSignedStores {

    /** The names every certificate is valid for: the tests reach their servers on this machine. */
    private static final String LOCAL_NAMES = "san=dns:localhost,ip:127.0.0.1";

    private SelfSignedStores() {
    }

    /** A keystore at {@code dir/name.p12} with an EC key and a certificate for CN=name, localhost and 127.0.0.1. */
    public static Path keyStore(final Path dir, final String name, final String password)
            throws IOException, InterruptedException {
        return generate(dir.resolve(name + ".p12"), name, "PKCS12", password, password);
    }

    /**
     * Like {@link #keyStore}, as a JKS file at {@code dir/name.jks} whose key has a password of its own (PKCS12
     * files made by keytool share one password).
     */
    public static Path jksKeyStore(final Path dir, final String name, final String storePassword,
                                   final String keyPassword) throws IOException, InterruptedException {
        return generate(dir.resolve(name + ".jks"), name, "JKS", storePassword, keyPassword);
    }

    private static Path generate(final Path path, final String name, final String type, final String storePassword,
                                 final String keyPassword) throws IOException, InterruptedException {
        final Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", LOCAL_NAMES, "-validity", "2",
                "-keystore", path.toString(), "-storetype", type,
                "-storepass", storePassword, "-keypass", keyPassword)
                .redirectErrorStream(true)
                .start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return path;
    }

    /** A truststore at {@code dir/name.p12} holding the certificates of the keystores (all with one password). */
    public static Path trustStore(final Path dir, final String name, final String password,
                                  final String keyStorePassword, final List<Path> keyStores)
            throws IOException, GeneralSecurityException {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (final Path keyStore : keyStores) {
            final KeyStore store = load(keyStore, keyStorePassword);
            for (final String alias : Collections.list(store.aliases())) {
                trusted.setCertificateEntry(alias, store.getCertificate(alias));
            }
        }
        final Path path = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(path)) {
            trusted.store(out, password.toCharArray());
        }
        return path;
    }

    /** A TLS context presenting the keystore's key (null: none) and trusting the truststore (null: the JVM's). */
    public static SSLContext context(final Path keyStore, final Path trustStore, final String password)
            throws IOException, GeneralSecurityException {
        final SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, password), password.toCharArray());
        }
        TrustManagerFactory trust = null;
        if (trustStore != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, password));
        }
        context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                null);
        return context;
    }

    private static KeyStore load(final Path path, final String password) throws IOException, GeneralSecurityException {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
