package dev.stockflow.offer;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Avro {@link OfferSnapshot} record holding a {@link SnapshotView}'s values, for tests: to compare what
 * the rules lead to with the reference model and the topic, and the hand-written writers with Avro's own.
 */
public final class SnapshotRecords {

    private SnapshotRecords() {
    }

    /** The snapshot record of a listed offer. */
    public static OfferSnapshot of(final String offerKey, final OfferState state, final RuleSettings rules) {
        return of(SnapshotView.of(offerKey, state, rules));
    }

    public static OfferSnapshot of(final SnapshotView view) {
        final List<LocationQuantity> locations = new ArrayList<>(view.locationCount());
        for (int i = 0; i < view.locationCount(); i++) {
            locations.add(new LocationQuantity(view.locationId(i), view.quantity(i),
                    Instant.ofEpochMilli(view.locationUpdatedAt(i)), view.reservedQuantity(i), view.sellableQuantity(i)));
        }
        final List<ChannelPrice> prices = new ArrayList<>(view.priceCount());
        for (int i = 0; i < view.priceCount(); i++) {
            prices.add(new ChannelPrice(view.channel(i), view.currency(i), view.regularPrice(i), view.salePrice(i),
                    view.effectivePrice(i), view.lowestPrice30d(i), Instant.ofEpochMilli(view.priceUpdatedAt(i))));
        }
        return new OfferSnapshot(view.partnerId(), view.sku(), view.totalQuantity(), view.available(), locations,
                prices, Instant.ofEpochMilli(view.updatedAt()), view.reservedQuantity(), view.sellableQuantity());
    }
}
