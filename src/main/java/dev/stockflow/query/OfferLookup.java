package dev.stockflow.query;

import dev.stockflow.offer.SnapshotView;

/** The answer to "what is the current snapshot of this offer?" as this instance can give it. */
public sealed interface OfferLookup {

    /** The offer is listed; here is its snapshot. */
    record Found(SnapshotView snapshot) implements OfferLookup {
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
