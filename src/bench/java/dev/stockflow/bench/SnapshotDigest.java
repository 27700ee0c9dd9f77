package dev.stockflow.bench;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;

/**
 * A compact fingerprint of one offer snapshot, so that millions of final snapshots can be compared
 * without keeping them: a 64-bit hash of every field, and one of its final values alone (which
 * locations hold what quantity, what is reserved and sellable there, each channel's currency, regular,
 * sale and effective price).
 *
 * <p>The values are what the rules promise whatever the arrival order; the timestamps and the Omnibus
 * lowest price follow the order in which events were applied, so they are compared separately.
 */
public record SnapshotDigest(long all, long values) {

    static SnapshotDigest of(final OfferSnapshot snapshot) {
        return new SnapshotDigest(hash(describe(snapshot)), hash(describeValues(snapshot)));
    }

    /** Every field, in a stable text form (also what mismatch reports show). */
    public static String describe(final OfferSnapshot snapshot) {
        final StringBuilder text = new StringBuilder(256);
        text.append(snapshot.getPartnerId()).append(':').append(snapshot.getSku())
                .append(" total=").append(snapshot.getTotalQuantity()).append(" available=")
                .append(snapshot.getAvailable()).append(" reserved=").append(snapshot.getReservedQuantity())
                .append(" sellable=").append(snapshot.getSellableQuantity())
                .append(" updatedAt=").append(snapshot.getUpdatedAt().toEpochMilli()).append(" locations=[");
        for (final LocationQuantity location : snapshot.getLocations()) {
            appendLocation(text, location);
            text.append('@').append(location.getUpdatedAt().toEpochMilli()).append(' ');
        }
        text.append("] prices=[");
        for (final ChannelPrice price : snapshot.getPrices()) {
            appendPrice(text, price);
            text.append(" low30d=").append(price.getLowestPrice30d()).append('@')
                    .append(price.getUpdatedAt().toEpochMilli()).append(' ');
        }
        return text.append(']').toString();
    }

    private static String describeValues(final OfferSnapshot snapshot) {
        final StringBuilder text = new StringBuilder(160);
        for (final LocationQuantity location : snapshot.getLocations()) {
            appendLocation(text, location);
            text.append(' ');
        }
        text.append('|');
        for (final ChannelPrice price : snapshot.getPrices()) {
            appendPrice(text, price);
            text.append(' ');
        }
        return text.toString();
    }

    /** A location's quantity, and what is reserved and sellable of it (order-independent values, too). */
    private static void appendLocation(final StringBuilder text, final LocationQuantity location) {
        text.append(location.getLocationId()).append('=').append(location.getQuantity()).append('-')
                .append(location.getReservedQuantity()).append('=').append(location.getSellableQuantity());
    }

    private static void appendPrice(final StringBuilder text, final ChannelPrice price) {
        text.append(price.getChannel()).append('=').append(price.getCurrency()).append(' ')
                .append(price.getRegularPrice()).append('/').append(price.getSalePrice()).append('/')
                .append(price.getEffectivePrice());
    }

    /** 64-bit FNV-1a over the UTF-16 units, finished with a SplitMix64 mix. */
    private static long hash(final String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
