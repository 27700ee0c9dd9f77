package dev.stockflow.workload;

import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferKey;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The broken records of the synthetic workload, one of each kind Stockflow must send to the dead-letter
 * topic for a rule of the input (a key that is not the value's offer key included).
 */
final class BadRecords {

    static final String NEGATIVE_QUANTITY = "negative quantity";
    static final String UNKNOWN_CURRENCY = "currency not an ISO 4217 code";
    static final String SALE_NOT_BELOW_REGULAR = "salePrice not below regularPrice";
    static final String INVALID_CHANNEL = "invalid channel";
    static final String INVALID_PARTNER_ID = "invalid partnerId";
    static final String KEY_MISMATCH = "key is not the offer key";
    private static final int KINDS = 6;

    private final RandomGenerator random;
    private final WorkloadCatalog catalog;
    private final WorkloadEvents events;
    private final ValueModel values;

    BadRecords(final RandomGenerator random, final WorkloadCatalog catalog, final WorkloadEvents events,
               final ValueModel values) {
        this.random = random;
        this.catalog = catalog;
        this.events = events;
        this.values = values;
    }

    GeneratedEvent next(final int offer, final long now) {
        return switch (random.nextInt(KINDS)) {
            case 0 -> negativeQuantity(offer, now);
            case 1 -> unknownCurrency(offer, now);
            case 2 -> saleNotBelowRegular(offer, now);
            case 3 -> invalidChannel(offer, now);
            case 4 -> invalidPartnerId(offer, now);
            default -> keyMismatch(offer, now);
        };
    }

    private GeneratedEvent negativeQuantity(final int offer, final long now) {
        final StockUpdate stock = events.stock(offer, anyLocation(), -1 - random.nextInt(20), now);
        return bad(catalog.key(offer), stock, NEGATIVE_QUANTITY);
    }

    private GeneratedEvent unknownCurrency(final int offer, final long now) {
        final PriceUpdate price = validPrice(offer, now);
        price.setCurrency(price.getCurrency().toLowerCase(Locale.ROOT));
        return bad(catalog.key(offer), price, UNKNOWN_CURRENCY);
    }

    private GeneratedEvent saleNotBelowRegular(final int offer, final long now) {
        final PriceUpdate price = validPrice(offer, now);
        price.setSalePrice(price.getRegularPrice() + random.nextInt(100));
        return bad(catalog.key(offer), price, SALE_NOT_BELOW_REGULAR);
    }

    private GeneratedEvent invalidChannel(final int offer, final long now) {
        final PriceUpdate price = validPrice(offer, now);
        price.setChannel(price.getChannel().toUpperCase(Locale.ROOT));
        return bad(catalog.key(offer), price, INVALID_CHANNEL);
    }

    private GeneratedEvent invalidPartnerId(final int offer, final long now) {
        final StockUpdate stock = events.stock(offer, anyLocation(), values.anyQuantity(), now);
        stock.setPartnerId(stock.getPartnerId().replace('-', ' '));
        return bad(OfferKey.of(stock.getPartnerId(), stock.getSku()), stock, INVALID_PARTNER_ID);
    }

    /** A valid record under the key a producer would use if it forgot the partner part. */
    private GeneratedEvent keyMismatch(final int offer, final long now) {
        final StockUpdate stock = events.stock(offer, anyLocation(), values.anyQuantity(), now);
        return bad(catalog.sku(offer), stock, KEY_MISMATCH);
    }

    private int anyLocation() {
        return random.nextInt(catalog.locations());
    }

    private PriceUpdate validPrice(final int offer, final long now) {
        final int channel = random.nextInt(catalog.channels());
        final long regular = values.regularPrice(offer, channel);
        return events.price(offer, channel, regular, values.salePrice(regular), now);
    }

    private static GeneratedEvent bad(final String key, final StockUpdate value, final String reason) {
        return new GeneratedEvent(Input.STOCK, key, value, value.getOccurredAt().toEpochMilli(), reason);
    }

    private static GeneratedEvent bad(final String key, final PriceUpdate value, final String reason) {
        return new GeneratedEvent(Input.PRICE, key, value, value.getOccurredAt().toEpochMilli(), reason);
    }
}
