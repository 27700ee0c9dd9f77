package dev.stockflow.query;

import dev.stockflow.offer.OfferKey;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.state.StoredOffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Interactive queries over the offer store: finds the instance that owns a key and, when it is this one,
 * reads the stored offer from the local store of the key's partition, as it is (no bytes round trip).
 *
 * <p>The decisions, in order: Kafka Streams must be running or rebalancing (else not ready); the key's
 * owner must be known (else not ready); another owner gets the caller unless the request was already
 * routed here; the key's own partition is read, so a partition still restoring answers "not ready", never
 * "not found".
 */
public final class OfferQueries implements OfferLookups {

    private final StoreAccess stores;
    private final HostInfo self;
    private final RuleSettings rules;

    /**
     * @param self this instance's {@code application.server}
     */
    public OfferQueries(final KafkaStreams streams, final HostInfo self, final RuleSettings rules) {
        this(new KafkaStreamsStoreAccess(streams), self, rules);
    }

    OfferQueries(final StoreAccess stores, final HostInfo self, final RuleSettings rules) {
        this.stores = stores;
        this.self = self;
        this.rules = rules;
    }

    @Override
    public OfferLookup lookup(final String partnerId, final String sku, final boolean localOnly) {
        return find(OfferKey.of(partnerId, sku), localOnly, true);
    }

    @Override
    public OfferLookup lookupState(final String partnerId, final String sku, final boolean localOnly) {
        return find(OfferKey.of(partnerId, sku), localOnly, false);
    }

    private OfferLookup find(final String offerKey, final boolean localOnly, final boolean listedOnly) {
        final Bytes key = Bytes.wrap(offerKey.getBytes(StandardCharsets.UTF_8));
        final KafkaStreams.State state = stores.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new OfferLookup.NotReady("Kafka Streams is " + state);
        }
        final KeyQueryMetadata owner = stores.ownerOf(key);
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return new OfferLookup.NotReady("the owner of the key is not known yet");
        }
        if (!owner.activeHost().equals(self) && !localOnly) {
            return new OfferLookup.OwnedElsewhere(owner.activeHost().host(), owner.activeHost().port());
        }
        return readLocally(offerKey, key, owner.partition(), listedOnly);
    }

    /** Reads the key's own partition, so a partition still restoring answers "not ready", never "not found". */
    private OfferLookup readLocally(final String offerKey, final Bytes key, final int partition,
                                    final boolean listedOnly) {
        final StoredOffer offer;
        try {
            offer = stores.read(key, partition);
        } catch (final InvalidStateStoreException e) {
            return new OfferLookup.NotReady("the store is not queryable: " + e.getMessage());
        }
        final boolean known = offer != null && (!listedOnly || offer.state().isListed());
        return known ? new OfferLookup.Found(offerKey, offer, rules) : new OfferLookup.NotFound();
    }

    @Override
    public String instance() {
        return self.host() + ":" + self.port();
    }
}
