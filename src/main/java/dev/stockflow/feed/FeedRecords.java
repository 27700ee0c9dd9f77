package dev.stockflow.feed;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.InputRules;
import dev.stockflow.offer.OfferKey;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** What the feed code needs to know about the three input records, without caring which one it holds. */
public final class FeedRecords {

    private FeedRecords() {
    }

    public static FeedKind kindOf(final SpecificRecord record) {
        if (record instanceof StockUpdate) {
            return FeedKind.STOCK;
        }
        if (record instanceof PriceUpdate) {
            return FeedKind.PRICE;
        }
        if (record instanceof OfferDelisted) {
            return FeedKind.DELIST;
        }
        throw unsupported(record);
    }

    /** The offer key {@code partnerId + ":" + sku} the record belongs under. */
    public static String offerKey(final SpecificRecord record) {
        if (record instanceof StockUpdate stock) {
            return OfferKey.of(stock.getPartnerId(), stock.getSku());
        }
        if (record instanceof PriceUpdate price) {
            return OfferKey.of(price.getPartnerId(), price.getSku());
        }
        if (record instanceof OfferDelisted delisting) {
            return OfferKey.of(delisting.getPartnerId(), delisting.getSku());
        }
        throw unsupported(record);
    }

    /** The record's occurredAt in epoch milliseconds. */
    public static long occurredAt(final SpecificRecord record) {
        return occurredAtInstant(record).toEpochMilli();
    }

    /**
     * Validates the record: the field rules of {@link InputRules}, plus a non-negative occurredAt, because
     * the record's occurredAt becomes its Kafka timestamp and those cannot be negative.
     *
     * @return null when valid, else a message naming the offending field
     */
    public static String check(final SpecificRecord record) {
        final String error;
        if (record instanceof StockUpdate stock) {
            error = InputRules.check(stock);
        } else if (record instanceof PriceUpdate price) {
            error = InputRules.check(price);
        } else if (record instanceof OfferDelisted delisting) {
            error = InputRules.check(delisting);
        } else {
            throw unsupported(record);
        }
        if (error != null) {
            return error;
        }
        final long occurredAt = occurredAt(record);
        return occurredAt < 0 ? OccurredAt.negativeMessage(occurredAt) : null;
    }

    private static Instant occurredAtInstant(final SpecificRecord record) {
        if (record instanceof StockUpdate stock) {
            return stock.getOccurredAt();
        }
        if (record instanceof PriceUpdate price) {
            return price.getOccurredAt();
        }
        if (record instanceof OfferDelisted delisting) {
            return delisting.getOccurredAt();
        }
        throw unsupported(record);
    }

    private static IllegalArgumentException unsupported(final SpecificRecord record) {
        return new IllegalArgumentException("not a feed record: "
                + (record == null ? "null" : record.getClass().getName()));
    }
}
