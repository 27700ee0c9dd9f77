package dev.stockflow.feed;

import dev.stockflow.offer.Input;
import org.apache.avro.specific.SpecificRecord;

/**
 * One valid line of a feed file, ready to be produced.
 *
 * @param input      which input (and so which topic) it belongs to
 * @param key        the offer key, {@code partnerId + ":" + sku}
 * @param value      the {@code StockUpdate}, {@code PriceUpdate} or {@code OfferDelisted}
 * @param occurredAt the record's occurredAt in epoch milliseconds (its Kafka timestamp)
 * @param source     the file it came from, as named by the caller
 * @param line       the line it starts on, counting from 1
 */
public record ParsedRecord(Input input, String key, SpecificRecord value, long occurredAt, String source,
                           long line) {

    /** {@code source:line}, for progress and error messages. */
    public String position() {
        return source + ":" + line;
    }
}
