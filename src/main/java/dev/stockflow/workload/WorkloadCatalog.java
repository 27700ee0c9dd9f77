package dev.stockflow.workload;

import dev.stockflow.offer.OfferKey;
import java.util.List;

/**
 * The names of the synthetic world: partners, SKUs, offer keys, locations and channels, plus a base price
 * per offer. Offer {@code i} belongs to partner {@code i % partners}; every offer is stocked at the same
 * locations and priced on the same channels. Names are built once and cached, so that generating an
 * event allocates no strings for them.
 */
final class WorkloadCatalog {

    private static final List<String> KNOWN_LOCATIONS = List.of("wh-erfurt", "wh-moenchengladbach", "wh-lahr",
            "wh-bratislava", "wh-szczecin", "store-berlin-mitte", "store-hamburg", "store-koeln");
    /** One SKU in this many has a non-ASCII name, as real catalogs do. */
    private static final int UNICODE_SKU_EVERY = 50;

    private final String[] partnerIds;
    private final String[] skus;
    private final String[] keys;
    private final String[] locationIds;
    private final List<SalesChannel> channels;
    private final long seed;

    WorkloadCatalog(final WorkloadSettings settings) {
        partnerIds = new String[settings.partners()];
        for (int partner = 0; partner < partnerIds.length; partner++) {
            partnerIds[partner] = "partner-" + (partner + 1);
        }
        skus = new String[settings.offers()];
        keys = new String[settings.offers()];
        locationIds = new String[settings.locationsPerOffer()];
        for (int location = 0; location < locationIds.length; location++) {
            locationIds[location] = location < KNOWN_LOCATIONS.size() ? KNOWN_LOCATIONS.get(location)
                    : "store-" + (location + 1);
        }
        channels = SalesChannel.first(settings.channels());
        seed = settings.seed();
    }

    int locations() {
        return locationIds.length;
    }

    int channels() {
        return channels.size();
    }

    String partnerId(final int offer) {
        return partnerIds[offer % partnerIds.length];
    }

    String sku(final int offer) {
        String sku = skus[offer];
        if (sku == null) {
            sku = "SKU" + (100_000 + offer) + (offer % UNICODE_SKU_EVERY == UNICODE_SKU_EVERY - 1 ? "-weiß" : "");
            skus[offer] = sku;
        }
        return sku;
    }

    String key(final int offer) {
        String key = keys[offer];
        if (key == null) {
            key = OfferKey.of(partnerId(offer), sku(offer));
            keys[offer] = key;
        }
        return key;
    }

    String locationId(final int location) {
        return locationIds[location];
    }

    SalesChannel channel(final int channel) {
        return channels.get(channel);
    }

    /** The offer's list price in euro cents, ending in 99: 4.99 to 149.99. */
    long basePriceCents(final int offer) {
        final long hash = mix(seed * 0x9E3779B97F4A7C15L + offer);
        return (5 + Math.floorMod(hash, 146)) * 100 - 1;
    }

    /** The SplitMix64 finaliser: spreads neighbouring inputs over the whole range. */
    private static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
