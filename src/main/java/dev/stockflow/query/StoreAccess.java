package dev.stockflow.query;

import dev.stockflow.state.StoredOffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * What {@link OfferQueries} asks Kafka Streams, one call each, so that its decisions can be tested without
 * a cluster: {@link KafkaStreamsStoreAccess} passes the calls on.
 */
interface StoreAccess {

    /** Kafka Streams' current state. */
    KafkaStreams.State state();

    /** The partition of the offer store the key belongs to and its active host; null or NOT_AVAILABLE while unknown. */
    KeyQueryMetadata ownerOf(Bytes key);

    /**
     * The offer in this instance's offer store of that partition, or null when it holds none.
     *
     * @throws InvalidStateStoreException when that store cannot be queried here (not active here, restoring,
     *                                    closed under the reader)
     */
    StoredOffer read(Bytes key, int partition);
}
