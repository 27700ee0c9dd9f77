package dev.stockflow.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.types.Password;

/**
 * The principal a broker sees Stockflow as, worked out from its Kafka client settings the way Kafka's default
 * principal builder does: {@code User:<name>} for SASL PLAIN and SCRAM (the JAAS {@code username}),
 * {@code User:<subject DN>} for mutual TLS (the key store's certificate, RFC 2253 as Kafka writes it), and
 * {@code User:ANONYMOUS} for plaintext or TLS without a client certificate. A broker with its own principal
 * builder or {@code ssl.principal.mapping.rules} may name it otherwise; for Kerberos and OAuth it is not known here.
 *
 * <p>Only for messages: it never fails, and it reads no secret beyond what it needs to open the key store.
 */
final class ClientPrincipal {

    /** What a message says when the principal cannot be worked out from the settings. */
    static final String UNKNOWN = "User:<Stockflow's principal>";
    private static final String ANONYMOUS = "User:ANONYMOUS";
    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"([^\"]*)\"");

    private ClientPrincipal() {
    }

    static String of(final Map<String, Object> kafkaSettings) {
        final String protocol = text(kafkaSettings, "security.protocol").orElse("PLAINTEXT").toUpperCase(Locale.ROOT);
        if (protocol.startsWith("SASL_")) {
            return sasl(kafkaSettings);
        }
        if ("SSL".equals(protocol)) {
            return text(kafkaSettings, "ssl.keystore.location").map(location -> certificate(kafkaSettings, location))
                    .orElse(ANONYMOUS);
        }
        return ANONYMOUS;
    }

    private static String sasl(final Map<String, Object> kafkaSettings) {
        final String mechanism = text(kafkaSettings, "sasl.mechanism").orElse("GSSAPI").toUpperCase(Locale.ROOT);
        if (!"PLAIN".equals(mechanism) && !mechanism.startsWith("SCRAM-")) {
            return UNKNOWN;
        }
        final Matcher username = USERNAME.matcher(text(kafkaSettings, "sasl.jaas.config").orElse(""));
        return username.find() ? "User:" + username.group(1) : UNKNOWN;
    }

    private static String certificate(final Map<String, Object> kafkaSettings, final String location) {
        final String type = text(kafkaSettings, "ssl.keystore.type").orElse("JKS");
        final char[] password = text(kafkaSettings, "ssl.keystore.password").map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            final KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            for (final String alias : Collections.list(store.aliases())) {
                final Certificate certificate = store.getCertificate(alias);
                if (store.isKeyEntry(alias) && certificate instanceof X509Certificate x509) {
                    return "User:" + x509.getSubjectX500Principal().getName();
                }
            }
            return UNKNOWN;
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static Optional<String> text(final Map<String, Object> kafkaSettings, final String key) {
        final Object value = kafkaSettings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        final String text = value instanceof Password password ? password.value() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
