package dev.stockflow.workload;

import dev.stockflow.offer.Input;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event of the synthetic workload, as it would be produced to Kafka.
 *
 * @param input      which input (and so which topic) it goes to
 * @param key        the record key; for most events the value's offer key
 * @param value      the {@code StockUpdate}, {@code PriceUpdate} or {@code OfferDelisted}; a duplicate is the
 *                   very instance of the event it repeats, so values must not be modified
 * @param occurredAt the value's occurredAt in epoch milliseconds (its Kafka timestamp)
 * @param badReason  null for a valid event; for a deliberately bad one, what is wrong with it (the value
 *                   fails validation, or the key is not the value's offer key)
 */
public record GeneratedEvent(Input input, String key, SpecificRecord value, long occurredAt, String badReason) {

    public boolean isBad() {
        return badReason != null;
    }
}
