package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.config.ConfigLoader;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** Kafka's refusals as one line: what was denied, on what, to whom, and the grant that fixes it. */
class KafkaAccessTest {

    private static final String GRANT = "; grant it: kafka-acls.sh --bootstrap-server broker:9093 --add "
            + "--allow-principal 'User:stockflow' ";
    private final KafkaAccess access = KafkaAccess.of(ConfigLoader.load(null, Map.of(), Map.of(
            "bootstrap.servers", "broker:9093", "application.id", "shop",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"stockflow\" password=\"s3cret\";")));

    @Test
    void shouldNameWhatStockflowNeedsWhenKafkaRefusedToDescribeATopic() {
        // When
        final String line = access.onTopic(new TopicAuthorizationException("Topic authorization failed."),
                AclOperation.DESCRIBE, "stock-updates", AclOperation.READ).orElseThrow().getMessage();

        // Then
        assertThat(line).isEqualTo("Kafka denied DESCRIBE on topic stock-updates to User:stockflow (Stockflow needs "
                + "READ there, which includes DESCRIBE)" + GRANT + "--operation Read --topic stock-updates");
        assertThat(line).doesNotContain("s3cret");
    }

    @Test
    void shouldFindTheRefusalDeepInTheCauseChain() {
        // Given
        final Throwable failure = new IllegalStateException("outer", new KafkaException("middle",
                new GroupAuthorizationException("Not authorized to access group: shop", "shop")));

        // When / Then
        assertThat(access.inStreams(failure)).get().extracting(Throwable::getMessage).isEqualTo(
                "Kafka denied READ on group shop to User:stockflow" + GRANT + "--operation Read --group shop");
    }

    @Test
    void shouldIgnoreFailuresThatAreNotRefusals() {
        // When / Then
        assertThat(access.inStreams(new StreamsException(new TimeoutException("slow")))).isEmpty();
        assertThat(access.onTopic(new TimeoutException("slow"), AclOperation.CREATE, "t", AclOperation.CREATE))
                .isEmpty();
    }

    @Test
    void shouldGrantTransactionalIdsByTheApplicationPrefix() {
        // When
        final String line = access.inStreams(new StreamsException("Error encountered trying to initialize "
                + "transactions", new TransactionalIdAuthorizationException("Transactional Id authorization failed.")))
                .orElseThrow().getMessage();

        // Then
        assertThat(line).isEqualTo("Kafka denied WRITE on transactional ids prefixed shop- to User:stockflow" + GRANT
                + "--operation Write --resource-pattern-type prefixed --transactional-id shop-");
    }

    @Test
    void shouldNameReadForAnInputAndWriteForAnOutputTopic() {
        // When
        final String input = access.inStreams(new StreamsException(topicRefused("price-updates"))).orElseThrow()
                .getMessage();
        final String output = access.inStreams(new StreamsException(topicRefused("offer-snapshots"))).orElseThrow()
                .getMessage();

        // Then
        assertThat(input).startsWith("Kafka denied READ on topic price-updates to User:stockflow;")
                .endsWith("--operation Read --topic price-updates");
        assertThat(output).startsWith("Kafka denied WRITE on topic offer-snapshots to User:stockflow;")
                .endsWith("--operation Write --topic offer-snapshots");
    }

    @Test
    void shouldNameReadOnTheDeadLetterTopicAndWriteOnAnInputForAReplay() {
        // When
        final String dlq = access.inReplay(topicRefused("stockflow-dlq"), "stockflow-dlq", "shop-dlq-replay")
                .orElseThrow().getMessage();
        final String input = access.inReplay(new KafkaException("stopped", topicRefused("order-events")),
                "stockflow-dlq", "shop-dlq-replay").orElseThrow().getMessage();

        // Then
        assertThat(dlq).isEqualTo("Kafka denied READ on topic stockflow-dlq to User:stockflow" + GRANT
                + "--operation Read --topic stockflow-dlq");
        assertThat(input).isEqualTo("Kafka denied WRITE on topic order-events to User:stockflow" + GRANT
                + "--operation Write --topic order-events");
    }

    @Test
    void shouldNameTheReplaysOwnGroupAndTransactionalId() {
        // When
        final String group = access.inReplay(new GroupAuthorizationException("denied", "shop-dlq-replay"),
                "stockflow-dlq", "shop-dlq-replay").orElseThrow().getMessage();
        final String transactions = access.inReplay(new TransactionalIdAuthorizationException("denied"),
                "stockflow-dlq", "shop-dlq-replay").orElseThrow().getMessage();

        // Then: literal grants, as the replay's ids are exactly these
        assertThat(group).isEqualTo("Kafka denied READ on group shop-dlq-replay to User:stockflow" + GRANT
                + "--operation Read --group shop-dlq-replay");
        assertThat(transactions).isEqualTo("Kafka denied WRITE on transactional id shop-dlq-replay to "
                + "User:stockflow" + GRANT + "--operation Write --transactional-id shop-dlq-replay");
        assertThat(access.inReplay(new TimeoutException("slow"), "stockflow-dlq", "shop-dlq-replay")).isEmpty();
    }

    @Test
    void shouldNameCreateOnTheInternalTopicsWhenKafkaStreamsCouldNotCreateOne() {
        // Given: refused while Kafka Streams created its changelog (Kafka does not name the topic then)
        final StreamsException failure = new StreamsException("Could not create topic shop-offer-state-changelog.",
                new TopicAuthorizationException("Authorization failed."));
        failure.setStackTrace(frames("org.apache.kafka.streams.processor.internals.InternalTopicManager"));

        // When / Then
        assertThat(access.inStreams(failure)).get().extracting(Throwable::getMessage).isEqualTo(
                "Kafka denied CREATE on topics prefixed shop- to User:stockflow" + GRANT
                        + "--operation Create --resource-pattern-type prefixed --topic shop-");
    }

    @Test
    void shouldNameWriteOrReadOnAnInternalTopicByWhoWasRefused() {
        // Given
        final StreamsException sending = new StreamsException("Error encountered sending record to topic "
                + "shop-offer-state-changelog", topicRefused("shop-offer-state-changelog"));
        sending.setStackTrace(frames("org.apache.kafka.streams.processor.internals.RecordCollectorImpl"));
        final StreamsException restoring = new StreamsException("Restore consumer get unexpected error polling "
                + "records.", topicRefused("shop-offer-state-changelog"));

        // When / Then
        assertThat(access.inStreams(sending).orElseThrow().getMessage())
                .startsWith("Kafka denied WRITE on topic shop-offer-state-changelog to User:stockflow;")
                .endsWith("--operation Write --resource-pattern-type prefixed --topic shop-");
        assertThat(access.inStreams(restoring).orElseThrow().getMessage())
                .startsWith("Kafka denied READ on topic shop-offer-state-changelog to User:stockflow;")
                .endsWith("--operation Read --resource-pattern-type prefixed --topic shop-");
    }

    @Test
    void shouldNameIdempotentWriteOnTheClusterForAnIdempotentProducer() {
        // When
        final String line = access.inStreams(new ClusterAuthorizationException("Cluster authorization failed."))
                .orElseThrow().getMessage();

        // Then
        assertThat(line).isEqualTo("Kafka denied IDEMPOTENT_WRITE on the cluster to User:stockflow" + GRANT
                + "--operation IdempotentWrite --cluster");
    }

    private static TopicAuthorizationException topicRefused(final String topic) {
        return new TopicAuthorizationException(Set.of(topic));
    }

    private static StackTraceElement[] frames(final String className) {
        return new StackTraceElement[] {new StackTraceElement(className, "run", "Source.java", 1)};
    }
}
