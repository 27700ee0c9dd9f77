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
 * The final values of offers (whether each exists, its location quantities, reserved and sellable units, its
 * current prices), the part of a snapshot that must not depend on arrival order or redelivery.
 *
 * <p>{@link #settledBy} computes them from the set of events alone, with no arrival order at all: an
 * offer's latest delisting hides every update at or before it, and each slot holds the newest of the
 * remaining updates. A location's reserved units are those of the order lines whose newest version is a
 * {@code PLACED} there, newer than the location's newest count. That holds as long as nothing is forgotten
 * (no retention reached).
 */
public final class FinalValues {

    private FinalValues() {
    }

    /** The values of one offer. */
    public record OfferValues(SortedMap<String, Integer> quantities, SortedMap<String, Integer> reserved,
                              SortedMap<String, Integer> sellable, long reservedTotal, long sellableTotal,
                              SortedMap<String, Price> prices) {

        static OfferValues empty() {
            return new OfferValues(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0, 0, new TreeMap<>());
        }

        OfferValues withTotals(final long reservedTotal, final long sellableTotal) {
            return new OfferValues(quantities, reserved, sellable, reservedTotal, sellableTotal, prices);
        }
    }

    /** The current price of one channel. */
    public record Price(String currency, long regularPrice, Long salePrice, long effectivePrice) {
    }

    /** The values shown by published snapshots, per offer key. */
    public static Map<String, OfferValues> shownBy(final Map<String, OfferSnapshot> snapshots) {
        final Map<String, OfferValues> result = new TreeMap<>();
        for (final Map.Entry<String, OfferSnapshot> entry : snapshots.entrySet()) {
            final OfferValues values = OfferValues.empty();
            for (final LocationQuantity location : entry.getValue().getLocations()) {
                values.quantities().put(location.getLocationId(), location.getQuantity());
                values.reserved().put(location.getLocationId(), location.getReservedQuantity());
                values.sellable().put(location.getLocationId(), location.getSellableQuantity());
            }
            for (final ChannelPrice price : entry.getValue().getPrices()) {
                values.prices().put(price.getChannel(), new Price(price.getCurrency(), price.getRegularPrice(),
                        price.getSalePrice(), price.getEffectivePrice()));
            }
            final Long sellable = entry.getValue().getSellableQuantity();
            result.put(entry.getKey(), values.withTotals(entry.getValue().getReservedQuantity(),
                    sellable == null ? -1 : sellable));
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
        final Map<String, OfferEvent.OrderLine> newestOrder = new TreeMap<>();
        for (final OfferEvent event : events) {
            if (event.occurredAt() <= latestDelisting) {
                continue;
            }
            if (event instanceof OfferEvent.StockChange stock) {
                newestStock.merge(stock.locationId(), stock, FinalValues::newer);
            } else if (event instanceof OfferEvent.PriceChange price) {
                newestPrice.merge(price.channel(), price, FinalValues::newer);
            } else if (event instanceof OfferEvent.OrderLine line) {
                newestOrder.merge(line.orderId(), line, FinalValues::newer);
            }
        }
        final OfferValues values = OfferValues.empty();
        long reservedTotal = 0;
        long sellableTotal = 0;
        for (final Map.Entry<String, OfferEvent.StockChange> stock : newestStock.entrySet()) {
            final String location = stock.getKey();
            final int quantity = stock.getValue().quantity();
            long reserved = 0;
            for (final OfferEvent.OrderLine line : newestOrder.values()) {
                if (line.isPlaced() && line.locationId().equals(location)
                        && line.occurredAt() > stock.getValue().occurredAt()) {
                    reserved += line.quantity();
                }
            }
            values.quantities().put(location, quantity);
            values.reserved().put(location, (int) reserved);
            values.sellable().put(location, (int) Math.max(0, quantity - reserved));
            reservedTotal += reserved;
            sellableTotal += Math.max(0, quantity - reserved);
        }
        newestPrice.forEach((channel, price) -> values.prices().put(channel, new Price(price.currency(),
                price.regularPrice(), price.salePrice(),
                price.salePrice() != null ? price.salePrice() : price.regularPrice())));
        return values.withTotals(reservedTotal, sellableTotal);
    }

    private static <T extends OfferEvent> T newer(final T a, final T b) {
        return ReferenceModel.compareVersions(a, b) >= 0 ? a : b;
    }
}
