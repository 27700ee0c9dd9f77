package dev.stockflow.query;

import dev.stockflow.state.OfferStoreType;
import dev.stockflow.state.StoredOffer;
import dev.stockflow.topology.OfferTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;

/**
 * {@link StoreAccess} on a running {@link KafkaStreams}: key metadata of the offer store, and reads of one
 * partition's store through {@link OfferStoreType}, which hands out the stored offer without a bytes round
 * trip. Only active, running tasks are read (stale stores are not enabled), so a partition still restoring
 * fails the read instead of answering from partial state.
 */
final class KafkaStreamsStoreAccess implements StoreAccess {

    private static final Serializer<Bytes> KEY_SERIALIZER = Serdes.Bytes().serializer();

    private final KafkaStreams streams;

    KafkaStreamsStoreAccess(final KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public KeyQueryMetadata ownerOf(final Bytes key) {
        return streams.queryMetadataForKey(OfferTopology.STORE_NAME, key, KEY_SERIALIZER);
    }

    @Override
    public StoredOffer read(final Bytes key, final int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(OfferTopology.STORE_NAME, OfferStoreType.INSTANCE)
                .withPartition(partition)).offer(key);
    }
}
