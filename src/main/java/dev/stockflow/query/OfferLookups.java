package dev.stockflow.query;

/**
 * Offer lookups as the HTTP API asks for them, routed to the instance that owns the offer's key. The HTTP
 * API depends on this, not on Kafka Streams, so it can be tested without a cluster; {@link OfferQueries}
 * answers them for real.
 */
public interface OfferLookups {

    /**
     * For the offer's snapshot: {@link OfferLookup.Found} only while the offer is listed, so a delisted
     * (tombstoned) offer is unknown.
     *
     * @param localOnly answer from this instance even if another owns the key (a request already routed
     *                  here must not bounce around during a rebalance)
     */
    OfferLookup lookup(String partnerId, String sku, boolean localOnly);

    /**
     * For the offer's full stored state (support's view: slots with their versions, price histories, the
     * delisting time): {@link OfferLookup.Found} whenever the store holds anything for the offer, also when
     * it is delisted but still remembers the delisting.
     *
     * @param localOnly as for {@link #lookup}
     */
    OfferLookup lookupState(String partnerId, String sku, boolean localOnly);

    /** This instance as the others reach it ({@code application.server}), to say who answered. */
    String instance();
}
