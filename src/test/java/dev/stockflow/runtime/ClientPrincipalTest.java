package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.testkit.security.TestCertificates;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The principal a broker's default principal builder sees, worked out from the client settings. */
class ClientPrincipalTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheScramUsernameAndNothingElseFromTheJaasConfig() {
        // When
        final String principal = ClientPrincipal.of(Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", new Password("org.apache.kafka.common.security"
                        + ".scram.ScramLoginModule required password=\"s3cret\" username=\"shop-stockflow\";")));

        // Then
        assertThat(principal).isEqualTo("User:shop-stockflow");
    }

    @Test
    void shouldTakeTheSubjectOfTheClientCertificateAsKafkaWritesIt() {
        // Given
        final TestCertificates.StoreFile keystore = TestCertificates.create(dir)
                .issue("client", "CN=stockflow, O=Shop, C=DE");

        // When
        final String principal = ClientPrincipal.of(Map.of("security.protocol", "SSL",
                "ssl.keystore.location", keystore.location(), "ssl.keystore.password", keystore.password(),
                "ssl.keystore.type", "PKCS12"));

        // Then: RFC 2253, without the spaces
        assertThat(principal).isEqualTo("User:CN=stockflow,O=Shop,C=DE");
    }

    @Test
    void shouldBeAnonymousWithoutAuthentication() {
        // When / Then
        assertThat(ClientPrincipal.of(Map.of())).isEqualTo("User:ANONYMOUS");
        assertThat(ClientPrincipal.of(Map.of("security.protocol", "SSL"))).isEqualTo("User:ANONYMOUS");
    }

    @Test
    void shouldSayItDoesNotKnowWhenTheSettingsDoNotTell() {
        // When / Then
        assertThat(ClientPrincipal.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "GSSAPI")))
                .isEqualTo(ClientPrincipal.UNKNOWN);
        assertThat(ClientPrincipal.of(Map.of("security.protocol", "SSL", "ssl.keystore.location",
                dir.resolve("missing.p12").toString(), "ssl.keystore.password", "x")))
                .isEqualTo(ClientPrincipal.UNKNOWN);
    }
}
