package dev.stockflow.testkit.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests, and the PKCS12 key and trust stores made from it: the broker's
 * (with subject alternative names {@code localhost} and {@code 127.0.0.1}, good for both ends of a TLS
 * connection, because the broker is also a client of its own controller) and one per mutual-TLS client, whose
 * subject becomes its Kafka principal ({@code User:CN=...}).
 *
 * <p>Keys are EC P-256 (fast to make), certificates signed with SHA256withECDSA and valid for a day. Every store has
 * the same random password, which also protects its key.
 */
public final class TestCertificates {

    private static final String KEY_ALIAS = "key";
    private static final String CA_ALIAS = "ca";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final String password;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final StoreFile truststore;
    private final AtomicLong serial = new AtomicLong(1);

    private TestCertificates(final Path directory, final String password, final KeyPair caKeys,
                             final X509Certificate caCertificate, final StoreFile truststore) {
        this.directory = directory;
        this.password = password;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.truststore = truststore;
    }

    /** Makes a new CA and writes the trust store that holds its certificate into {@code directory}. */
    public static TestCertificates create(final Path directory) {
        final String password = HexFormat.of().formatHex(RANDOM.generateSeed(12));
        final KeyPair caKeys = newKeyPair();
        final X500Principal caName = new X500Principal("CN=Stockflow Test CA");
        final X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, notBefore(),
                notAfter(), caName, caKeys.getPublic()), caKeys, true, null, new KeyPurposeId[0]);
        try {
            Files.createDirectories(directory);
            final KeyStore store = emptyStore();
            store.setCertificateEntry(CA_ALIAS, ca);
            final StoreFile truststore = write(store, directory.resolve("truststore.p12"), password);
            return new TestCertificates(directory, password, caKeys, ca, truststore);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot store the CA certificate", e);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trust store with the CA certificate, for every party. */
    public StoreFile truststore() {
        return truststore;
    }

    /**
     * A key store with a new key and its certificate signed by the CA, for a server and client alike.
     *
     * @param fileName          the store's file name in this directory, without extension
     * @param distinguishedName the subject, e.g. {@code CN=stockflow}; Kafka's principal for a mutual-TLS client is
     *                          {@code User:} and this name as RFC 2253 writes it
     * @param hosts             DNS names or IP addresses for the subject alternative name; none for a client only
     */
    public StoreFile issue(final String fileName, final String distinguishedName, final String... hosts) {
        final KeyPair keys = newKeyPair();
        final X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(caCertificate,
                BigInteger.valueOf(serial.incrementAndGet()), notBefore(), notAfter(),
                new X500Principal(distinguishedName), keys.getPublic()), caKeys, false, alternativeNames(hosts),
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth});
        try {
            final KeyStore store = emptyStore();
            store.setKeyEntry(KEY_ALIAS, keys.getPrivate(), password.toCharArray(),
                    new Certificate[] {certificate, caCertificate});
            return write(store, directory.resolve(fileName + ".p12"), password);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot store the key of " + distinguishedName, e);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GeneralNames alternativeNames(final String... hosts) {
        if (hosts.length == 0) {
            return null;
        }
        final GeneralName[] names = new GeneralName[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            names[i] = new GeneralName(isAddress(hosts[i]) ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
        }
        return new GeneralNames(names);
    }

    private static boolean isAddress(final String host) {
        return host.chars().allMatch(c -> Character.isDigit(c) || c == '.') || host.contains(":");
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final KeyPair issuerKeys,
                                        final boolean authority, final GeneralNames hosts,
                                        final KeyPurposeId[] purposes) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (purposes.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            }
            if (hosts != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, hosts);
            }
            final ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (final CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a test certificate", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("No EC key pair generator", e);
        }
    }

    private static KeyStore emptyStore() throws IOException {
        try {
            final KeyStore store = KeyStore.getInstance(StoreFile.TYPE);
            store.load(null, null);
            return store;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("No PKCS12 key store", e);
        }
    }

    private static StoreFile write(final KeyStore store, final Path file, final String password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
        return new StoreFile(file, password);
    }

    /** Backdated a few minutes: valid from the moment it is made, even where validity dates are rounded. */
    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    /** A PKCS12 store on disk and its password (which is also its key's). */
    public record StoreFile(Path path, String password) {

        public static final String TYPE = "PKCS12";

        public String location() {
            return path.toAbsolutePath().toString();
        }
    }
}
