package dev.stockflow.reference;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The final values of offers (whether each exists, its location quantities, its current prices), the
 * part of a snapshot that must not depend on arrival order or redelivery.
 *
 * <p>{@link #settledBy} computes them from the set of events alone, with no arrival order at all: an
 * offer's latest delisting hides every update at or before it, and each slot holds the newest of the
 * remaining updates. That holds as long as no delisting is forgotten (retention not reached).
 */
public final class FinalValues {

    private FinalValues() {
    }

    /** The values of one offer. */
    public record OfferValues(SortedMap<String, Integer> quantities, SortedMap<String, Price> prices) {
    }

    /** The current price of one channel. */
    public record Price(String currency, long regularPrice, Long salePrice, long effectivePrice) {
    }

    /** The values shown by published snapshots, per offer key. */
    public static Map<String, OfferValues> shownBy(final Map<String, OfferSnapshot> snapshots) {
        final Map<String, OfferValues> result = new TreeMap<>();
        for (final Map.Entry<String, OfferSnapshot> entry : snapshots.entrySet()) {
            final OfferValues values = new OfferValues(new TreeMap<>(), new TreeMap<>());
            for (final LocationQuantity location : entry.getValue().getLocations()) {
                values.quantities().put(location.getLocationId(), location.getQuantity());
            }
            for (final ChannelPrice price : entry.getValue().getPrices()) {
                values.prices().put(price.getChannel(), new Price(price.getCurrency(), price.getRegularPrice(),
                        price.getSalePrice(), price.getEffectivePrice()));
            }
            result.put(entry.getKey(), values);
        }
        return result;
    }

    /** The values the rules promise for this set of events, whatever order and however often they arrive. */
    public static Map<String, OfferValues> settledBy(final Collection<KeyedEvent> events) {
        final Map<String, List<OfferEvent>> byOffer = new TreeMap<>();
        for (final KeyedEvent event : events) {
            byOffer.computeIfAbsent(event.offerKey(), k -> new ArrayList<>()).add(event.event());
        }
        final Map<String, OfferValues> result = new TreeMap<>();
        for (final Map.Entry<String, List<OfferEvent>> entry : byOffer.entrySet()) {
            final OfferValues values = settledOffer(entry.getValue());
            if (!values.quantities().isEmpty() || !values.prices().isEmpty()) {
                result.put(entry.getKey(), values);
            }
        }
        return result;
    }

    private static OfferValues settledOffer(final List<OfferEvent> events) {
        long latestDelisting = Long.MIN_VALUE;
        for (final OfferEvent event : events) {
            if (event instanceof OfferEvent.Delisting) {
                latestDelisting = Math.max(latestDelisting, event.occurredAt());
            }
        }
        final Map<String, OfferEvent.StockChange> newestStock = new TreeMap<>();
        final Map<String, OfferEvent.PriceChange> newestPrice = new TreeMap<>();
        for (final OfferEvent event : events) {
            if (event.occurredAt() <= latestDelisting) {
                continue;
            }
            if (event instanceof OfferEvent.StockChange stock) {
                newestStock.merge(stock.locationId(), stock, FinalValues::newer);
            } else if (event instanceof OfferEvent.PriceChange price) {
                newestPrice.merge(price.channel(), price, FinalValues::newer);
            }
        }
        final OfferValues values = new OfferValues(new TreeMap<>(), new TreeMap<>());
        newestStock.forEach((location, stock) -> values.quantities().put(location, stock.quantity()));
        newestPrice.forEach((channel, price) -> values.prices().put(channel, new Price(price.currency(),
                price.regularPrice(), price.salePrice(),
                price.salePrice() != null ? price.salePrice() : price.regularPrice())));
        return values;
    }

    private static <T extends OfferEvent> T newer(final T a, final T b) {
        return ReferenceModel.compareVersions(a, b) >= 0 ? a : b;
    }
}
