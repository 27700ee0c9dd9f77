package dev.stockflow.offer;

import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What Stockflow reads from one input's Avro record: its generated class, the field rules it must pass,
 * the offer it belongs to, when it happened and the event the offer rules consume.
 *
 * <p>Records are taken as any {@link SpecificRecord}, so that the processor, the feed and the producer
 * handle every input with the same code; a record of another class fails with a
 * {@link ClassCastException}. The accessors are plain functions of the generated class: nothing is
 * looked up reflectively per record.
 *
 * @param <T> the generated record class
 */
public final class InputRecordType<T extends SpecificRecord> {

    private final Class<T> type;
    private final Function<T, String> rules;
    private final Function<T, String> partnerId;
    private final Function<T, String> sku;
    private final Function<T, Instant> occurredAt;
    private final Function<T, OfferEvent> toEvent;

    InputRecordType(final Class<T> type, final Function<T, String> rules, final Function<T, String> partnerId,
                    final Function<T, String> sku, final Function<T, Instant> occurredAt,
                    final Function<T, OfferEvent> toEvent) {
        this.type = type;
        this.rules = rules;
        this.partnerId = partnerId;
        this.sku = sku;
        this.occurredAt = occurredAt;
        this.toEvent = toEvent;
    }

    /** The class Avro generated from the record's schema in {@code schemas/}. */
    public Class<T> type() {
        return type;
    }

    public boolean isTypeOf(final SpecificRecord record) {
        return type.isInstance(record);
    }

    /** Null when the record follows the field rules of {@link InputRules}, else what is wrong. */
    public String violation(final SpecificRecord record) {
        return rules.apply(type.cast(record));
    }

    /** The offer key the record belongs to: {@code partnerId + ":" + sku}. */
    public String offerKey(final SpecificRecord record) {
        final T typed = type.cast(record);
        return OfferKey.of(partnerId.apply(typed), sku.apply(typed));
    }

    /** The record's occurredAt, or null when it has none (a record that fails the field rules). */
    public Instant occurredAt(final SpecificRecord record) {
        return occurredAt.apply(type.cast(record));
    }

    /** The event of a record that follows the field rules. */
    public OfferEvent toEvent(final SpecificRecord record) {
        return toEvent.apply(type.cast(record));
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }
}
