package dev.stockflow.query;

import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.state.StoredOffer;

/** The answer to "what does the store hold for this offer?" as this instance can give it. */
public sealed interface OfferLookup {

    /**
     * The store holds the offer.
     *
     * @param offerKey the offer key, {@code partnerId + ":" + sku}
     * @param offer    the offer as stored (its state, with every slot's version, price histories and the
     *                 delisting remembered); possibly the very object the store holds: never to be changed
     * @param rules    the rules' settings, for the values derived from the state
     */
    record Found(String offerKey, StoredOffer offer, RuleSettings rules) implements OfferLookup {

        /**
         * The offer's snapshot, for a listed offer (every {@link OfferLookups#lookup} answer is one).
         *
         * @throws IllegalArgumentException when the offer is not listed
         */
        public SnapshotView snapshot() {
            return SnapshotView.of(offerKey, offer.state(), rules);
        }
    }

    /** The offer is unknown (never seen, or delisted). */
    record NotFound() implements OfferLookup {
    }

    /** Another instance owns the key; ask it at {@code host:port}. */
    record OwnedElsewhere(String host, int port) implements OfferLookup {
    }

    /** The store cannot be queried right now (starting, rebalancing, restoring). */
    record NotReady(String reason) implements OfferLookup {
    }
}
