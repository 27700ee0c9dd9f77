package dev.stockflow.offer;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the published {@link OfferSnapshot} of a listed offer from its state. */
public final class SnapshotMapper {

    private SnapshotMapper() {
    }

    /**
     * @param offerKey the offer key {@code partnerId + ":" + sku}; partnerId never contains ':'
     */
    public static OfferSnapshot toSnapshot(final String offerKey, final OfferState state, final RuleSettings settings) {
        final List<LocationQuantity> locations = new ArrayList<>(state.locations().size());
        long total = 0;
        for (final StockSlot slot : state.locations()) {
            locations.add(new LocationQuantity(slot.locationId(), slot.quantity(), Instant.ofEpochMilli(slot.updatedAt())));
            total += slot.quantity();
        }
        final List<ChannelPrice> prices = new ArrayList<>(state.prices().size());
        for (final PriceSlot slot : state.prices()) {
            prices.add(new ChannelPrice(slot.channel(), slot.currency(), slot.regularPrice(), slot.salePrice(),
                    slot.effectivePrice(), slot.lowestPriceBefore(settings.omnibusWindowMs()),
                    Instant.ofEpochMilli(slot.updatedAt())));
        }
        return new OfferSnapshot(OfferKey.partnerId(offerKey), OfferKey.sku(offerKey), total, total > 0,
                locations, prices, Instant.ofEpochMilli(state.updatedAt()));
    }
}
