package dev.stockflow.state;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The heap budget for decoded offers, shared by every {@link OfferStore} of the process: each open store
 * may hold an equal share, so the total stays within the budget however the tasks are spread over the
 * stream threads.
 */
final class OfferCacheBudget {

    private final long maxBytes;
    private final AtomicInteger openStores = new AtomicInteger();

    /** @param maxBytes the budget; 0 keeps no offer cached beyond the event being processed */
    OfferCacheBudget(final long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the offer cache budget must not be negative, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    long perStoreLimit() {
        return maxBytes / Math.max(1, openStores.get());
    }

    void storeOpened() {
        openStores.incrementAndGet();
    }

    void storeClosed() {
        openStores.decrementAndGet();
    }
}
