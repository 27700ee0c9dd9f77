package dev.stockflow.query;

import dev.stockflow.offer.OfferKey;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.state.StoredOfferCodec;
import dev.stockflow.topology.OfferTopology;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Interactive queries over the offer store: finds the instance that owns a key and, when it is this
 * one, reads the offer from the local RocksDB store.
 */
public final class OfferQueries {

    private static final Serializer<Bytes> KEY_SERIALIZER = Serdes.Bytes().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final RuleSettings rules;

    /**
     * @param self this instance's {@code application.server}
     */
    public OfferQueries(final KafkaStreams streams, final HostInfo self, final RuleSettings rules) {
        this.streams = streams;
        this.self = self;
        this.rules = rules;
    }

    /**
     * @param localOnly answer from this instance even if another owns the key (a request already routed
     *                  here must not bounce around during a rebalance)
     */
    public OfferLookup lookup(final String partnerId, final String sku, final boolean localOnly) {
        final String offerKey = OfferKey.of(partnerId, sku);
        final Bytes key = Bytes.wrap(offerKey.getBytes(StandardCharsets.UTF_8));
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new OfferLookup.NotReady("Kafka Streams is " + state);
        }
        final KeyQueryMetadata owner = streams.queryMetadataForKey(OfferTopology.STORE_NAME, key, KEY_SERIALIZER);
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return new OfferLookup.NotReady("the owner of the key is not known yet");
        }
        if (!owner.activeHost().equals(self) && !localOnly) {
            return new OfferLookup.OwnedElsewhere(owner.activeHost().host(), owner.activeHost().port());
        }
        return readLocally(offerKey, key, owner.partition());
    }

    /** Reads the key's own partition, so a partition still restoring answers "not ready", never "not found". */
    private OfferLookup readLocally(final String offerKey, final Bytes key, final int partition) {
        final byte[] bytes;
        try {
            bytes = streams.store(StoreQueryParameters
                    .fromNameAndType(OfferTopology.STORE_NAME, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                    .withPartition(partition)).get(key);
        } catch (final InvalidStateStoreException e) {
            return new OfferLookup.NotReady("the store is not queryable: " + e.getMessage());
        }
        if (bytes == null) {
            return new OfferLookup.NotFound();
        }
        final OfferState state = StoredOfferCodec.decode(bytes).state();
        return state.isListed() ? new OfferLookup.Found(SnapshotView.of(offerKey, state, rules))
                : new OfferLookup.NotFound();
    }
}
