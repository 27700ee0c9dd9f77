package dev.stockflow.testkit.security;

import dev.stockflow.runtime.EmbeddedKafkaBroker;
import dev.stockflow.testkit.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real one-node KRaft broker (Kafka's own server code, through {@link EmbeddedKafkaBroker}) that enforces
 * authentication and ACLs, as a JUnit 5 extension for a test class:
 * <ul>
 *   <li>listener {@code SASL_SSL}: TLS, then SASL with SCRAM-SHA-512 (users made by {@link #scramUser});</li>
 *   <li>listener {@code MTLS}: TLS with {@code ssl.client.auth=required}, the principal being the client
 *       certificate's subject (users made by {@link #certificateUser});</li>
 *   <li>the controller listener and the inter-broker listener use mutual TLS too, with the broker's own
 *       certificate: nothing on this broker speaks plaintext;</li>
 *   <li>{@code StandardAuthorizer}, nothing allowed without an ACL, and two super users: the broker itself and
 *       {@code User:CN=stockflow-admin}, which {@link #admin()} and the test's own producers and readers
 *       ({@link #clientSettings()}) use for setup only: SCRAM credentials, topics, ACLs, input records and
 *       reading the output.</li>
 * </ul>
 * Certificates are made at start ({@link TestCertificates}); data and certificates live under
 * {@code target/kafka-test/} and are deleted on close.
 */
public final class SecuredKafkaBroker implements TestCluster, BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final String SASL_LISTENER = "SASL_SSL";
    private static final String MTLS_LISTENER = "MTLS";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "localhost";
    private static final String ADMIN_NAME = "CN=stockflow-admin";
    private static final String BROKER_NAME = "CN=stockflow-broker";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Path directory;
    private TestCertificates certificates;
    private EmbeddedKafkaBroker broker;
    private int saslPort;
    private int mtlsPort;
    private KafkaIdentity superUser;
    private Admin admin;

    /** Makes the certificates, starts the broker and connects the super user. */
    public SecuredKafkaBroker start() {
        directory = Path.of("target", "kafka-test", "secured-" + UUID.randomUUID()).toAbsolutePath();
        certificates = TestCertificates.create(directory.resolve("certificates"));
        final int[] ports = EmbeddedKafkaBroker.freePorts(3);
        saslPort = ports[0];
        mtlsPort = ports[1];
        try {
            broker = EmbeddedKafkaBroker.startKeepingData(directory.resolve("data"), saslPort, ports[2],
                    brokerConfig(ports[2]));
            superUser = certificateUser(ADMIN_NAME);
            admin = Admin.create(superUser.kafkaConfig());
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Map<String, String> brokerConfig(final int controllerPort) {
        final TestCertificates.StoreFile keystore = certificates.issue("broker", BROKER_NAME, HOST, "127.0.0.1");
        final Map<String, String> config = new HashMap<>();
        config.put("listeners", SASL_LISTENER + "://" + HOST + ":" + saslPort + "," + MTLS_LISTENER + "://" + HOST
                + ":" + mtlsPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", SASL_LISTENER + "://" + HOST + ":" + saslPort + "," + MTLS_LISTENER
                + "://" + HOST + ":" + mtlsPort);
        config.put("listener.security.protocol.map", SASL_LISTENER + ":SASL_SSL," + MTLS_LISTENER + ":SSL,"
                + CONTROLLER_LISTENER + ":SSL");
        config.put("inter.broker.listener.name", MTLS_LISTENER);
        config.put("listener.name.mtls.ssl.client.auth", "required");
        config.put("listener.name.controller.ssl.client.auth", "required");
        config.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        config.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // The broker's own TLS identity, on every listener and as a client of its controller.
        config.put("ssl.keystore.location", keystore.location());
        config.put("ssl.keystore.password", keystore.password());
        config.put("ssl.key.password", keystore.password());
        config.put("ssl.keystore.type", TestCertificates.StoreFile.TYPE);
        config.put("ssl.truststore.location", certificates.truststore().location());
        config.put("ssl.truststore.password", certificates.truststore().password());
        config.put("ssl.truststore.type", TestCertificates.StoreFile.TYPE);
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:" + BROKER_NAME + ";User:" + ADMIN_NAME);
        config.put("allow.everyone.if.no.acl.found", "false");
        return config;
    }

    /** The super user's client, for setup and checks only. */
    public Admin admin() {
        return started(admin);
    }

    /** The super user's listener. */
    @Override
    public String bootstrapServers() {
        return started(superUser).bootstrapServers();
    }

    /** The super user's security settings. */
    @Override
    public Map<String, Object> clientSettings() {
        return started(superUser).clientSettings();
    }

    /** The SASL_SSL listener's {@code bootstrap.servers}. */
    public String saslBootstrapServers() {
        return HOST + ":" + saslPort;
    }

    /**
     * A SCRAM-SHA-512 user with a new random password, usable once this returns.
     *
     * @return its principal, {@code User:<name>}, and the settings of a client on the SASL_SSL listener
     */
    public KafkaIdentity scramUser(final String name) throws Exception {
        final String password = HexFormat.of().formatHex(RANDOM.generateSeed(12));
        admin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        final Map<String, Object> settings = trusting();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", SCRAM_MECHANISM);
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + name + "\" password=\"" + password + "\";");
        final KafkaIdentity identity = new KafkaIdentity("User:" + name, saslBootstrapServers(), settings);
        awaitAuthenticated(identity);
        return identity;
    }

    /**
     * A client certificate for the mutual-TLS listener.
     *
     * @param distinguishedName its subject, e.g. {@code CN=stockflow}; the principal is {@code User:} and this name
     */
    public KafkaIdentity certificateUser(final String distinguishedName) {
        final String file = "client-" + distinguishedName.replaceAll("[^A-Za-z0-9]", "_");
        final TestCertificates.StoreFile keystore = certificates.issue(file, distinguishedName);
        final Map<String, Object> settings = trusting();
        settings.put("security.protocol", "SSL");
        settings.put("ssl.keystore.location", keystore.location());
        settings.put("ssl.keystore.password", keystore.password());
        settings.put("ssl.key.password", keystore.password());
        settings.put("ssl.keystore.type", TestCertificates.StoreFile.TYPE);
        return new KafkaIdentity("User:" + distinguishedName, HOST + ":" + mtlsPort, settings);
    }

    private Map<String, Object> trusting() {
        final Map<String, Object> settings = new HashMap<>();
        settings.put("ssl.truststore.location", certificates.truststore().location());
        settings.put("ssl.truststore.password", certificates.truststore().password());
        settings.put("ssl.truststore.type", TestCertificates.StoreFile.TYPE);
        return settings;
    }

    /** The broker learns of new SCRAM credentials from its metadata a moment after the controller stored them. */
    private static void awaitAuthenticated(final KafkaIdentity identity) {
        Awaitility.await("SCRAM credentials of " + identity.principal() + " usable").atMost(TIMEOUT)
                .ignoreExceptions().pollInterval(Duration.ofMillis(100)).until(() -> {
                    try (Admin client = Admin.create(identity.kafkaConfig())) {
                        return client.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                != null;
                    }
                });
    }

    /** Adds ACLs and returns once the broker's authorizer applies them. */
    public void grant(final Collection<AclBinding> acls) throws Exception {
        if (acls.isEmpty()) {
            return;
        }
        admin().createAcls(acls).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        awaitAcls(AclBindingFilter.ANY, present -> present.containsAll(acls));
    }

    /** Removes every ACL of the principal and returns once the broker's authorizer no longer applies them. */
    public void revokeAll(final String principal) throws Exception {
        admin().deleteAcls(List.of(filterOf(principal))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        awaitAcls(filterOf(principal), Set::isEmpty);
    }

    /** Describe ACLs is answered by the broker from its own authorizer, so what it lists is what it enforces. */
    private void awaitAcls(final AclBindingFilter filter, final Predicate<Set<AclBinding>> done) {
        Awaitility.await("ACLs applied").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> done.test(new HashSet<>(admin().describeAcls(filter).values()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))));
    }

    private static AclBindingFilter filterOf(final String principal) {
        return new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
    }

    @Override
    public void createTopic(final String name, final int partitions, final Map<String, String> configs)
            throws Exception {
        admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Awaitility.await("topic " + name + " visible").atMost(TIMEOUT).ignoreExceptions()
                .until(() -> admin().describeTopics(List.of(name)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name).partitions().size() == partitions);
    }

    /** Stops the broker and deletes its data and certificates. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close(TIMEOUT);
            admin = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (directory != null) {
            try {
                Utils.delete(directory.toFile());
            } catch (final IOException e) {
                throw new UncheckedIOException("Could not delete " + directory, e);
            }
            directory = null;
        }
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        close();
    }

    private static <T> T started(final T value) {
        if (value == null) {
            throw new IllegalStateException("The secured Kafka broker is not running");
        }
        return value;
    }
}
